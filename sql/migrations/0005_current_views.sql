-- mujun: shipped with checksum 64a1cb25fcd30978a1c8694268bb78b009145808be2a4090f4dd408ee87ed58c
-- Edited at the definitions handover (0060_definitions_handover.sql): its views and functions now
-- live in sql/definitions/, one per file; the header above lets a database that applied the
-- shipped text accept this one (docs/architecture.md, "Migrations and definitions").
-- The current views of every extract kind and core.power_account_links are
-- sql/definitions/core/*_current.sql, known_months.sql, registry_history.sql and
-- power_account_links.sql.

-- Manual account mappings entered by an operator (`mujun accounts map|unmap`), with the audit
-- trail of who, when and why. An unmap is an event with uscc NULL.
CREATE TABLE runs.account_mappings (
    mapping_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_no   text NOT NULL,
    uscc         text,
    reason       text NOT NULL,
    document_no  text,
    made_by      text NOT NULL,
    made_at      timestamptz NOT NULL
);
COMMENT ON TABLE runs.account_mappings IS '电力户号人工对照（含解除）及其审计记录 / manual power-account mappings and unmappings, audited';
