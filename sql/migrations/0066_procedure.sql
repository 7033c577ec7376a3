-- Edition 2's procedure for grades (procedure.md §1–§2; details.md #92, #95, #113, #114, #116,
-- #119; seed 003_a0174000c3a42330.txt 三: results are fed back in writing, with one chance of
-- re-verification on objection): a computed run is put under public notice (公示), objections
-- (异议) are taken within the notice period and answered, and only then is the run published
-- (公布) under a decision number, on a date from which its grades take effect.

-- Publication history (details.md #114): `published` stays "the current publication of its
-- year"; published_on is the decision's date (deployment time zone, details.md #92), kept after a
-- later publication replaces the run on replaced_on, so that a list dated L uses the run that was
-- Y's publication on L.
ALTER TABLE runs.evaluation_runs
    ADD COLUMN computed_on   date,
    ADD COLUMN published_on  date,
    ADD COLUMN decision_no   text,
    ADD COLUMN replaced_on   date;
COMMENT ON COLUMN runs.evaluation_runs.computed_on IS '计算日期（部署日历，MUJUN_TODAY 可调）：公示不得早于此日 / the day the run was computed (the deployment''s today): its notice starts no earlier';
COMMENT ON COLUMN runs.evaluation_runs.published_on IS '公布日期（部署时区）/ publication date in the deployment''s time zone';
COMMENT ON COLUMN runs.evaluation_runs.decision_no IS '公布文号（版本一发布的运行为空）/ decision number of the publication (empty for runs published under edition 1)';
COMMENT ON COLUMN runs.evaluation_runs.replaced_on IS '被同年新公布替换的日期 / the day a later publication of its year replaced it';

-- Runs published before this migration (edition 1) keep their grades, get published_on = the
-- date they were published and no decision number (details.md #92). A run published and later
-- replaced was replaced on the next publication's date.
UPDATE runs.evaluation_runs
SET published_on = (published_at AT TIME ZONE 'Asia/Shanghai')::date
WHERE published_at IS NOT NULL;
UPDATE runs.evaluation_runs SET computed_on = (started_at AT TIME ZONE 'Asia/Shanghai')::date;
UPDATE runs.evaluation_runs r
SET replaced_on = (SELECT min(n.published_on) FROM runs.evaluation_runs n
                   WHERE n.year = r.year AND n.run_id <> r.run_id AND n.published_at > r.published_at)
WHERE NOT r.published AND r.published_at IS NOT NULL;

-- Public notices (公示): one per run at most; noticing a second run of the year withdraws the
-- open one (withdrawn_on, withdrawn_by: the notice that replaced it). A notice is open while it
-- is not withdrawn and its run is not published; `mujun notice` keeps one open per year under
-- the evaluate lock.
CREATE TABLE runs.notices (
    notice_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id           bigint NOT NULL UNIQUE REFERENCES runs.evaluation_runs (run_id),
    year             integer NOT NULL,
    notice_from      date NOT NULL,
    notice_until     date NOT NULL,
    days             integer NOT NULL CHECK (days >= 1),
    folder           text NOT NULL,
    manifest_sha256  text NOT NULL,
    made_by          text NOT NULL,
    made_at          timestamptz NOT NULL,
    withdrawn_on     date,
    withdrawn_by     bigint REFERENCES runs.notices (notice_id),
    CHECK (notice_until = notice_from + days - 1)
);
COMMENT ON TABLE runs.notices IS '评价结果公示（每次运行至多一次；同年再公示撤回前一次）/ public notices of evaluation runs';
COMMENT ON COLUMN runs.notices.notice_until IS '公示截止日（notice_from + days − 1）/ last day of the notice period';
COMMENT ON COLUMN runs.notices.folder IS '公示文件夹（notice.csv、告知书）/ the folder its files were written to';
COMMENT ON COLUMN runs.notices.withdrawn_on IS '撤回日期（同年另一运行公示）/ withdrawn when another run of the year was noticed';

-- Objections (异议): one per enterprise and year (seed 003 三: 一次重新核实机会), taken while a run
-- of the year is under notice, answered by a review (grade_reviews) or dismissed.
CREATE TABLE runs.objections (
    objection_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year                integer NOT NULL,
    uscc                text NOT NULL,
    received_on         date NOT NULL,
    entered_by          text NOT NULL,
    entered_at          timestamptz NOT NULL,
    reason              text NOT NULL,
    document_no         text,
    received_run_id     bigint NOT NULL REFERENCES runs.evaluation_runs (run_id),
    notice_id           bigint NOT NULL REFERENCES runs.notices (notice_id),
    review_id           bigint REFERENCES runs.grade_reviews (review_id),
    dismissed           boolean NOT NULL DEFAULT false,
    answer_reason       text,
    answer_document_no  text,
    answered_by         text,
    answered_at         timestamptz,
    UNIQUE (year, uscc),
    CHECK (review_id IS NULL OR NOT dismissed),
    CHECK ((answered_at IS NULL) = (review_id IS NULL AND NOT dismissed))
);
COMMENT ON TABLE runs.objections IS '异议（每企业每年一次；复核或驳回答复）/ objections, one per enterprise and year';
COMMENT ON COLUMN runs.objections.received_run_id IS '收到时公示中的运行 / the run under notice when it was received';
COMMENT ON COLUMN runs.objections.notice_id IS '所属公示（撤回时移至同年下一公示）/ its notice; moved to the next notice of the year on withdrawal';
COMMENT ON COLUMN runs.objections.review_id IS '答复的复核结果 / the review that answered it';
