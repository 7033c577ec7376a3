-- mujun: shipped with checksum 43c950a5e03ea6edb3e5e4b0ad13b0bf332b2ab408ebc1c3a15cec3b18b158d5
-- Edited at the definitions handover (0060_definitions_handover.sql): its views and functions now
-- live in sql/definitions/, one per file; the header above lets a database that applied the
-- shipped text accept this one (docs/architecture.md, "Migrations and definitions").

-- Differential-policy lists (差别化政策清单; spec lists.md, evaluation.md §7, details.md #43–50,
-- #64–66): every `mujun export` is recorded here with the rows of the file it wrote, in the
-- transaction that writes them, so an analyst can answer "who was on the electricity list on
-- 2025-03-01 and why" and a recipient's file can be traced to the runs and profile behind it.
-- The rules that choose the rows are the set-based SQL of sql/lists/.
--
-- Immutable: an export is written once and never changed afterwards (only its own row gets its
-- counts and file hashes, in the transaction that creates it).
-- Citus (spec scale.md): list rows carry uscc, and their key includes it; made_at is passed in
-- as a parameter (no now() default).

CREATE SEQUENCE runs.list_export_id_seq AS bigint;

CREATE TABLE runs.list_exports (
    export_id           bigint PRIMARY KEY,
    list                text NOT NULL CHECK (list IN ('electricity', 'water', 'mortgage-freeze')),
    list_date           date NOT NULL CHECK (list_date BETWEEN DATE '1900-01-01' AND DATE '2099-12-31'),
    policy_name         text NOT NULL,
    policy_sha256       text NOT NULL REFERENCES runs.policy_profiles (sha256),
    -- The published evaluation of the latest year before the list's year, and the current flag
    -- run of the latest as-of date on or before it; NULL when there is none (details.md #64).
    evaluation_run_id   bigint REFERENCES runs.evaluation_runs (run_id),
    evaluation_year     integer,
    flag_run_id         bigint REFERENCES runs.flag_runs (run_id),
    flag_as_of          date,
    -- The export changes.csv compares with: the latest recorded export of the same list with an
    -- earlier list date (details.md #65); NULL for the first.
    previous_export_id  bigint REFERENCES runs.list_exports (export_id),
    row_count           integer NOT NULL DEFAULT 0,
    no_account_count    integer NOT NULL DEFAULT 0,
    added               integer NOT NULL DEFAULT 0,
    removed             integer NOT NULL DEFAULT 0,
    changed             integer NOT NULL DEFAULT 0,
    encoding            text NOT NULL CHECK (encoding IN ('utf8-bom', 'gb18030')),
    -- File name → SHA-256 (hex) of every file written, manifest.json included.
    files               jsonb NOT NULL DEFAULT '{}',
    folder              text NOT NULL,
    generator_version   text NOT NULL,
    made_at             timestamptz NOT NULL,
    made_by             text NOT NULL
);
CREATE INDEX list_exports_list_date ON runs.list_exports (list, list_date, export_id);
COMMENT ON TABLE runs.list_exports IS '差别化政策清单导出记录（不可变）/ differential-policy list exports: immutable, one row per file set written';
COMMENT ON COLUMN runs.list_exports.files IS '文件名 → SHA-256 / file name → SHA-256 of every file written';

-- One row per row of the list file: a power or water account (key = account_no) or a parcel
-- (key = parcel_id), with every column of the file at full precision.
CREATE TABLE runs.list_rows (
    export_id         bigint NOT NULL REFERENCES runs.list_exports (export_id),
    list              text NOT NULL,
    list_date         date NOT NULL,
    key               text NOT NULL,
    uscc              text NOT NULL,
    region_code       text NOT NULL,
    -- reason_codes on electricity/water, flag_codes on mortgage-freeze: ';'-separated, sorted.
    reason_codes      text NOT NULL,
    -- yuan per kWh or per m³; NULL on mortgage-freeze.
    surcharge         numeric,
    account_no        text,
    account_name      text,
    enterprise_name   text,
    grade             text,
    effective_from    date NOT NULL,
    basis             text NOT NULL,
    parcel_id         text,
    cert_no           text,
    area_m2           numeric(14,2),
    determination_no  text,
    frozen_acts       text,
    PRIMARY KEY (uscc, export_id, key)
);
CREATE INDEX list_rows_export ON runs.list_rows (export_id, key);
COMMENT ON TABLE runs.list_rows IS '清单文件的每一行（户号或宗地）/ every row of every exported list file: an account or a parcel';

-- Listed enterprises without a power (or water) account: written to no_account.csv beside the
-- list and counted in the manifest (details.md #64).
CREATE TABLE runs.list_no_account (
    export_id        bigint NOT NULL REFERENCES runs.list_exports (export_id),
    list_date        date NOT NULL,
    uscc             text NOT NULL,
    enterprise_name  text,
    region_code      text NOT NULL,
    grade            text,
    reason_codes     text NOT NULL,
    surcharge        numeric NOT NULL,
    effective_from   date NOT NULL,
    basis            text NOT NULL,
    PRIMARY KEY (uscc, export_id)
);
COMMENT ON TABLE runs.list_no_account IS '应列入清单但无户号的企业 / listed enterprises with no account of the utility';

REVOKE UPDATE, DELETE, TRUNCATE ON runs.list_rows, runs.list_no_account FROM mujun_loader;
REVOKE DELETE, TRUNCATE ON runs.list_exports FROM mujun_loader;
