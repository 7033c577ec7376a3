-- Batches and rejects: the load report of every extract file, kept forever (spec extracts.md
-- "Row accounting: nothing is lost"). A batch row is written in the same transaction that
-- applies (or refuses) the batch, so a killed loader leaves no trace of its batch at all.

CREATE SEQUENCE runs.batch_id_seq AS bigint;

CREATE TABLE runs.batches (
    batch_id           bigint PRIMARY KEY,
    kind               text NOT NULL CHECK (kind IN ('registry', 'tax', 'power', 'parcels', 'accounts')),
    file_name          text NOT NULL,
    sha256             text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size_bytes         bigint NOT NULL CHECK (size_bytes >= 0),
    as_of              date NOT NULL,
    encoding           text NOT NULL CHECK (encoding IN ('utf8', 'gb18030')),
    status             text NOT NULL CHECK (status IN ('applied', 'refused')),
    forced             boolean NOT NULL DEFAULT false,
    rows_read          bigint NOT NULL,
    rows_loaded        bigint NOT NULL,
    rows_rejected      bigint NOT NULL,
    rejects_by_reason  jsonb NOT NULL DEFAULT '{}',
    unknown_columns    text[] NOT NULL DEFAULT '{}',
    max_reject_ratio   numeric NOT NULL,
    message            text NOT NULL DEFAULT '',
    started_at         timestamptz NOT NULL,
    finished_at        timestamptz NOT NULL,
    loaded_by          text NOT NULL,
    host               text NOT NULL,
    pid                integer NOT NULL,
    -- Every data row ends in exactly one place.
    CONSTRAINT batches_rows_add_up CHECK (rows_read = rows_loaded + rows_rejected),
    CONSTRAINT batches_counts_nonnegative CHECK (rows_loaded >= 0 AND rows_rejected >= 0)
);
CREATE INDEX batches_sha256 ON runs.batches (sha256) WHERE status = 'applied';
CREATE INDEX batches_kind_as_of ON runs.batches (kind, as_of, batch_id);

COMMENT ON TABLE runs.batches IS '批次：每个抽取文件一次载入 / one extract file loaded as one batch';
COMMENT ON COLUMN runs.batches.as_of IS '数据日期：文件名中的日期，否则载入当天 / as-of date: from the file name, else the day of loading';
COMMENT ON COLUMN runs.batches.status IS 'applied 已生效；refused 拒收比例超限，未生效 / applied, or refused (reject ratio over the limit)';

CREATE TABLE runs.rejects (
    batch_id     bigint NOT NULL REFERENCES runs.batches (batch_id) DEFERRABLE INITIALLY DEFERRED,
    line         integer NOT NULL,
    column_name  text NOT NULL DEFAULT '',
    reason       text NOT NULL CHECK (reason IN ('bad_uscc', 'bad_date', 'bad_number', 'missing_required',
                     'negative_value', 'duplicate_key', 'wrong_field_count', 'bad_quoting', 'bad_encoding',
                     'out_of_range')),
    raw          text NOT NULL,
    PRIMARY KEY (batch_id, line)
);

COMMENT ON TABLE runs.rejects IS '拒收行：行号、列、原因、原文 / rejected rows with line, column, reason and raw text';
