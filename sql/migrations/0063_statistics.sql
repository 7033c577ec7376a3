-- The statistics extract (edition 2, spec indicators.md §1; details.md #85, #96, #102): one row
-- per enterprise and year from the statistics office (规上直报), the energy platform and the
-- emission permits. Like every kind, a batch is COPYed into staging, checked, and applied by
-- ATTACH PARTITION (core.apply_batch); the current row per (uscc, year) is
-- core.statistics_current (sql/definitions/core/). An empty field is unknown and stays NULL,
-- never 0. Keyed by uscc for Citus distribution (spec scale.md).

ALTER TABLE runs.batches DROP CONSTRAINT batches_kind_check;
ALTER TABLE runs.batches ADD CONSTRAINT batches_kind_check
    CHECK (kind IN ('registry', 'tax', 'power', 'parcels', 'accounts', 'statistics'));

CREATE TABLE core.statistics_rows (
    batch_id         bigint NOT NULL,
    as_of            date NOT NULL,
    line             integer NOT NULL,
    uscc             text NOT NULL,
    year             integer NOT NULL,
    enterprise_name  text,
    value_added      numeric(18,2),
    revenue          numeric(18,2),
    output_value     numeric(18,2),
    rd_expense       numeric(18,2),
    employees_avg    integer,
    energy_tce       numeric,
    emissions_t      numeric,
    tech_investment  numeric(18,2)
) PARTITION BY LIST (batch_id);
COMMENT ON TABLE core.statistics_rows IS '年度统计数据（增加值、营收、研发、从业人员、能耗、排放、技改）的全部历史行 / every statistics row ever applied: value added, revenue, R&D, employees, energy, emissions, technical investment';
