-- Flag runs (spec land.md "What a flag run stores"): `mujun flag --as-of D` judges every parcel
-- in scope as of D and stores the result as an immutable run, one row per (parcel, code), with
-- its evidence as JSON, the policy profile's hash, and the resolutions (销号) it found against
-- the run before it (spec land.md "Disposal progress", details.md #62; seed
-- 004_bd1df3fa65076c87.txt 附件2). The rules themselves are the set-based SQL of sql/land/,
-- run inside the run's transaction with `SET LOCAL mujun.run_id`.
--
-- Immutable: a run is written in one transaction and never changed afterwards; the pipeline's
-- role may insert but not update or delete flag rows (only the run row gets its finish time and
-- counts, in the same transaction that creates it). "The latest for a date is the current one":
-- several runs may share an as-of date; the one with the highest run_id is current.
-- Citus (spec scale.md): flag rows carry holder_uscc, and their keys include it; timestamps are
-- passed in as parameters (no now() default).

CREATE SEQUENCE runs.flag_run_id_seq AS bigint;

CREATE TABLE runs.flag_runs (
    run_id            bigint PRIMARY KEY,
    as_of             date NOT NULL CHECK (as_of BETWEEN DATE '1900-01-01' AND DATE '2099-12-31'),
    policy_sha256     text NOT NULL REFERENCES runs.policy_profiles (sha256),
    policy_name       text NOT NULL,
    -- The data the run saw: every applied batch up to this id (details.md #27).
    last_batch_id     bigint NOT NULL,
    started_at        timestamptz NOT NULL,
    finished_at       timestamptz,
    parcels_in_scope  integer,
    -- Rows per flag code, e.g. {"IDLE-1": 3, "UNKNOWN": 1}; and parcels resolved (销号) by this run.
    counts            jsonb,
    resolved          integer,
    -- The run resolutions were found against: the current run of the latest earlier as-of date.
    previous_run_id   bigint REFERENCES runs.flag_runs (run_id),
    made_by           text NOT NULL,
    host              text NOT NULL,
    pid               integer NOT NULL
);
CREATE INDEX flag_runs_as_of ON runs.flag_runs (as_of, run_id);
COMMENT ON TABLE runs.flag_runs IS '闲置低效用地认定运行（不可变；同一日期以最新一次为准）/ flag runs: immutable; the latest run for a date is the current one';
COMMENT ON COLUMN runs.flag_runs.as_of IS '认定基准日 / the date the parcels are judged as of';
COMMENT ON COLUMN runs.flag_runs.last_batch_id IS '运行时已生效的最大批次号 / highest applied batch id when the run was made';

CREATE TABLE runs.parcel_flags (
    run_id          bigint NOT NULL REFERENCES runs.flag_runs (run_id),
    holder_uscc     text NOT NULL,
    parcel_id       text NOT NULL,
    flag_code       text NOT NULL CHECK (flag_code IN ('IDLE-1', 'IDLE-2', 'INEFF-1', 'INEFF-2', 'INEFF-3',
                        'INEFF-4', 'INEFF-5', 'LOWFAR', 'SPLIT', 'UNKNOWN')),
    cert_no         text,
    holder_name     text,
    region_code     text NOT NULL,
    area_m2         numeric(14,2) NOT NULL,
    -- Filled for IDLE-* only (details.md #33).
    since           date,
    years           integer,
    recommendation  text CHECK (recommendation IN ('fee', 'recover', 'negotiate')),
    idle_fee_yuan   numeric(18,2),
    evidence        jsonb NOT NULL,
    PRIMARY KEY (run_id, holder_uscc, parcel_id, flag_code),
    CHECK (flag_code LIKE 'IDLE-%' OR (since IS NULL AND years IS NULL AND recommendation IS NULL
                                       AND idle_fee_yuan IS NULL))
);
CREATE INDEX parcel_flags_parcel ON runs.parcel_flags (parcel_id, run_id);
COMMENT ON TABLE runs.parcel_flags IS '认定结果：每宗地每个标志一行，附证据 / one row per parcel and flag code of a run, with its evidence';

-- A parcel flagged (IDLE-*/INEFF-*) in an earlier run whose status this run could not decide
-- (UNKNOWN): an UNKNOWN resolves nothing (details.md #62), so the parcel stays open and a later
-- run that decides it clean resolves it.
CREATE TABLE runs.parcel_flags_carried (
    run_id           bigint NOT NULL REFERENCES runs.flag_runs (run_id),
    holder_uscc      text NOT NULL,
    parcel_id        text NOT NULL,
    kind             text NOT NULL CHECK (kind IN ('idle', 'ineff')),
    codes            text[] NOT NULL,
    region_code      text NOT NULL,
    area_m2          numeric(14,2) NOT NULL,
    flagged_run_id   bigint NOT NULL REFERENCES runs.flag_runs (run_id),
    PRIMARY KEY (run_id, holder_uscc, parcel_id)
);
COMMENT ON TABLE runs.parcel_flags_carried IS '此前已认定、本次因数据缺失无法判定而保留的宗地 / parcels flagged before that this run could not decide: still open';

-- 销号: a parcel open after the run before (flagged IDLE-*/INEFF-*, or carried) and no longer
-- flagged, nor undecided, in this run is resolved on this run's as-of date.
CREATE TABLE runs.parcel_resolutions (
    run_id           bigint NOT NULL REFERENCES runs.flag_runs (run_id),
    holder_uscc      text NOT NULL,
    parcel_id        text NOT NULL,
    resolved_on      date NOT NULL,
    kind             text NOT NULL CHECK (kind IN ('idle', 'ineff')),
    codes            text[] NOT NULL,
    region_code      text NOT NULL,
    area_m2          numeric(14,2) NOT NULL,
    previous_run_id  bigint NOT NULL REFERENCES runs.flag_runs (run_id),
    flagged_run_id   bigint NOT NULL REFERENCES runs.flag_runs (run_id),
    PRIMARY KEY (run_id, holder_uscc, parcel_id)
);
CREATE INDEX parcel_resolutions_parcel ON runs.parcel_resolutions (parcel_id, run_id);
COMMENT ON TABLE runs.parcel_resolutions IS '销号：上次认定、本次不再认定的宗地 / parcels resolved: flagged before, no longer flagged in this run';
COMMENT ON COLUMN runs.parcel_resolutions.kind IS 'idle 闲置 / ineff 低效：最后一次认定时的类别 / the kind when last flagged';
COMMENT ON COLUMN runs.parcel_resolutions.flagged_run_id IS '最后一次认定该宗地的运行 / the last run that flagged the parcel';

-- Immutable once written: the pipeline's role may add runs, never rewrite them.
REVOKE UPDATE, DELETE, TRUNCATE ON runs.parcel_flags, runs.parcel_flags_carried, runs.parcel_resolutions
    FROM mujun_loader;
REVOKE DELETE, TRUNCATE ON runs.flag_runs FROM mujun_loader;
