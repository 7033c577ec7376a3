-- mujun: shipped with checksum 4fea4a9acaf280cf5b201f493b6b872da826130a077227f7ac7f7e7303feae7a
-- Edited at the definitions handover (0060_definitions_handover.sql): its views and functions now
-- live in sql/definitions/, one per file; the header above lets a database that applied the
-- shipped text accept this one (docs/architecture.md, "Migrations and definitions").

-- Grading runs (spec evaluation.md): immutable runs of `mujun evaluate`, one row per enterprise
-- of the policy's sections, the benchmarks used, operator vetoes and review results (with their
-- audit trail), and class-change matrices of `--compare`. The computation itself is the
-- set-based SQL of sql/grading/, run inside the run's transaction.

CREATE SEQUENCE runs.evaluation_run_id_seq AS bigint;

CREATE TABLE runs.evaluation_runs (
    run_id            bigint PRIMARY KEY,
    year              integer NOT NULL CHECK (year BETWEEN 1900 AND 2099),
    policy_sha256     text NOT NULL REFERENCES runs.policy_profiles (sha256),
    policy_name       text NOT NULL,
    started_at        timestamptz NOT NULL,
    finished_at       timestamptz,
    input_batch_ids   bigint[] NOT NULL,
    complete          boolean NOT NULL,
    missing_months    text[] NOT NULL DEFAULT '{}',
    published         boolean NOT NULL DEFAULT false,
    published_at      timestamptz,
    compared_with     bigint REFERENCES runs.evaluation_runs (run_id),
    made_by           text NOT NULL
);
-- One published run per year (spec evaluation.md: `--publish` makes the run the one lists and
-- analysts see for year Y).
CREATE UNIQUE INDEX evaluation_runs_one_published ON runs.evaluation_runs (year) WHERE published;
COMMENT ON TABLE runs.evaluation_runs IS '亩均评价运行（不可变；每年一次发布）/ evaluation runs: immutable, one published per year';

CREATE TABLE runs.enterprise_grades (
    run_id               bigint NOT NULL REFERENCES runs.evaluation_runs (run_id),
    uscc                 text NOT NULL,
    name                 text NOT NULL,
    region_code          text NOT NULL,
    above_scale          boolean NOT NULL,
    status               text NOT NULL,
    industry_code        text NOT NULL,
    land_m2              numeric(16,2) NOT NULL DEFAULT 0,
    tax_yuan             numeric(20,2) NOT NULL DEFAULT 0,
    sales_yuan           numeric(20,2) NOT NULL DEFAULT 0,
    kwh                  numeric,
    first_production     date,
    completion_passed    boolean NOT NULL DEFAULT false,
    tax_per_mu           numeric,
    sales_per_mu         numeric,
    tax_per_kwh          numeric,
    cohort               text,
    score                numeric(12,4),
    rank                 integer,
    cohort_size          integer,
    computed_grade       text CHECK (computed_grade IN ('A', 'B', 'C', 'D', 'N', 'T')),
    grade                text CHECK (grade IN ('A', 'B', 'C', 'D', 'N', 'T')),
    consecutive_d_years  integer NOT NULL DEFAULT 0,
    reason_list          text[] NOT NULL DEFAULT '{}',
    reasons              text NOT NULL DEFAULT '',
    PRIMARY KEY (uscc, run_id)
);
CREATE INDEX enterprise_grades_run ON runs.enterprise_grades (run_id, cohort);
COMMENT ON TABLE runs.enterprise_grades IS '每次评价每家企业一行 / one row per enterprise and evaluation run';

CREATE TABLE runs.grade_benchmarks (
    run_id      bigint NOT NULL REFERENCES runs.evaluation_runs (run_id),
    cohort      text NOT NULL,
    indicator   text NOT NULL CHECK (indicator IN ('tax_per_mu', 'sales_per_mu', 'tax_per_kwh')),
    weight      numeric NOT NULL,
    n_defined   integer NOT NULL,
    mean        numeric,
    benchmark   numeric,
    fixed       boolean NOT NULL,
    PRIMARY KEY (run_id, cohort, indicator)
);
COMMENT ON TABLE runs.grade_benchmarks IS '各评价组各指标的基准值 / benchmark per cohort and indicator';

-- 一票否决 entered by an operator for a year (spec evaluation.md §5.2).
CREATE TABLE runs.grade_vetoes (
    veto_id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year         integer NOT NULL,
    uscc         text NOT NULL,
    to_grade     text NOT NULL CHECK (to_grade IN ('C', 'D')),
    reason       text NOT NULL,
    document_no  text,
    made_by      text NOT NULL,
    made_at      timestamptz NOT NULL,
    withdrawn    boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE runs.grade_vetoes IS '一票否决记录（操作人、时间、理由、文号）/ recorded vetoes with their audit trail';

-- 复核 results (seed 003_a0174000c3a42330.txt: one re-check on objection; spec evaluation.md §5.3).
CREATE TABLE runs.grade_reviews (
    review_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year         integer NOT NULL,
    uscc         text NOT NULL,
    grade        text NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D')),
    reason       text NOT NULL,
    document_no  text,
    made_by      text NOT NULL,
    made_at      timestamptz NOT NULL
);
COMMENT ON TABLE runs.grade_reviews IS '复核结果（替换计算等级）/ review results replacing computed grades';

-- `--compare`: how many enterprises move from each class of the base run to each class of the
-- what-if run (details.md #63: stored as a non-published run pair).
CREATE TABLE runs.grade_comparisons (
    run_id        bigint NOT NULL REFERENCES runs.evaluation_runs (run_id),
    base_run_id   bigint NOT NULL REFERENCES runs.evaluation_runs (run_id),
    from_grade    text NOT NULL,   -- '-' when the enterprise has no row in that run
    to_grade      text NOT NULL,
    enterprises   integer NOT NULL,
    PRIMARY KEY (run_id, base_run_id, from_grade, to_grade)
);
