-- Edition 2 grading (spec indicators.md; details.md #84, #93–#105, #109–#112, #117, #118, #123):
-- the indicator catalogue's values and the statistics inputs kept with every graded row, the
-- points of every weighted indicator, the scoring method and its parameters with each
-- benchmark, the run's notes (a previous_year fallback, adjustments not applied), and the two
-- new operator entries: adjustments (加分项/减分项) and exemptions (暂不评价).

-- The statistics inputs of year Y (NULL: unknown, indicators.md §1) and the seven new
-- catalogue indicators, beside edition 1's three. Appended, so run_grades (made LIKE this
-- table by sql/grading/01_inputs.sql) keeps the same column order.
ALTER TABLE runs.enterprise_grades
    ADD COLUMN value_added_yuan          numeric(20,2),
    ADD COLUMN revenue_yuan              numeric(20,2),
    ADD COLUMN output_value_yuan         numeric(20,2),
    ADD COLUMN rd_expense_yuan           numeric(20,2),
    ADD COLUMN employees_avg             integer,
    ADD COLUMN energy_tce                numeric,
    ADD COLUMN emissions_t               numeric,
    ADD COLUMN tech_investment_yuan      numeric(20,2),
    ADD COLUMN has_statistics            boolean NOT NULL DEFAULT false,
    ADD COLUMN value_added_per_mu        numeric,
    ADD COLUMN value_added_per_tce       numeric,
    ADD COLUMN value_added_per_emission  numeric,
    ADD COLUMN labour_productivity       numeric,
    ADD COLUMN rd_ratio                  numeric,
    ADD COLUMN tech_investment_per_mu    numeric,
    ADD COLUMN tax_per_emission          numeric,
    ADD COLUMN unknown_indicators        text[] NOT NULL DEFAULT '{}',
    ADD COLUMN adjustment                numeric(10,2),
    ADD COLUMN exempted                  boolean NOT NULL DEFAULT false,
    ADD COLUMN held_d                    boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN runs.enterprise_grades.unknown_indicators IS '输入未知的指标（无关联户号、无统计数据、统计字段为空）/ indicators resting on an unknown input';
COMMENT ON COLUMN runs.enterprise_grades.adjustment IS '加减分（按参数限幅后）/ adjustment points applied, after the profile''s clamp';
COMMENT ON COLUMN runs.enterprise_grades.held_d IS 'D类因缺数暂缓（待复核）/ D held: rests on missing data, listed only after a review';

ALTER TABLE runs.grade_benchmarks DROP CONSTRAINT grade_benchmarks_indicator_check;
ALTER TABLE runs.grade_benchmarks
    ADD CONSTRAINT grade_benchmarks_indicator_check CHECK (indicator IN (
        'tax_per_mu', 'sales_per_mu', 'tax_per_kwh', 'value_added_per_mu', 'value_added_per_tce',
        'value_added_per_emission', 'labour_productivity', 'rd_ratio', 'tech_investment_per_mu',
        'tax_per_emission')),
    ADD COLUMN method           text NOT NULL DEFAULT 'ratio' CHECK (method IN ('ratio', 'minmax')),
    ADD COLUMN benchmark_basis  text CHECK (benchmark_basis IN ('same_year', 'previous_year')),
    ADD COLUMN fell_back        boolean NOT NULL DEFAULT false,
    ADD COLUMN basis_run_id     bigint REFERENCES runs.evaluation_runs (run_id),
    ADD COLUMN cap              numeric,
    ADD COLUMN floor            numeric,
    ADD COLUMN missing          text NOT NULL DEFAULT 'zero' CHECK (missing IN ('zero', 'cohort_mean', 'reweight')),
    ADD COLUMN min              numeric,
    ADD COLUMN max              numeric,
    ADD COLUMN mean_points      numeric,
    ADD COLUMN region_code      text;

-- The points of every weighted indicator of every graded enterprise: why a firm got its score.
CREATE TABLE runs.indicator_points (
    run_id     bigint NOT NULL REFERENCES runs.evaluation_runs (run_id),
    uscc       text NOT NULL,
    indicator  text NOT NULL,
    weight     numeric NOT NULL,
    value      numeric,
    unknown    boolean NOT NULL,
    scored_by  text NOT NULL CHECK (scored_by IN ('value', 'zero', 'cohort_mean', 'reweight')),
    points     numeric,
    PRIMARY KEY (run_id, uscc, indicator)   -- a run's rows are written in this order: appended, not scattered
);
COMMENT ON TABLE runs.indicator_points IS '各企业各指标得分 / points per graded enterprise and weighted indicator';

ALTER TABLE runs.evaluation_runs ADD COLUMN notes text[] NOT NULL DEFAULT '{}';

-- 加分项 / 减分项 (indicators.md §4; details.md #94): signed points, applied (clamped by the
-- profile) to every later run of the year until revoked; a revoked entry stays as the audit trail.
CREATE TABLE runs.grade_adjustments (
    adjustment_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year           integer NOT NULL CHECK (year BETWEEN 1900 AND 2099),
    uscc           text NOT NULL,
    points         numeric(8,2) NOT NULL,
    item           text NOT NULL,
    document_no    text NOT NULL,
    reason         text NOT NULL,
    entered_by     text NOT NULL,
    entered_at     timestamptz NOT NULL,
    revoked_at     timestamptz,
    revoked_by     text,
    revoke_reason  text
);
COMMENT ON TABLE runs.grade_adjustments IS '加减分项（文号、录入人、时间、理由；撤销保留）/ adjustments with their audit trail';

-- 暂不评价 by decision (indicators.md §5; details.md #94).
CREATE TABLE runs.grade_exemptions (
    exemption_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    year           integer NOT NULL CHECK (year BETWEEN 1900 AND 2099),
    uscc           text NOT NULL,
    document_no    text NOT NULL,
    reason         text NOT NULL,
    entered_by     text NOT NULL,
    entered_at     timestamptz NOT NULL,
    revoked_at     timestamptz,
    revoked_by     text,
    revoke_reason  text
);
COMMENT ON TABLE runs.grade_exemptions IS '暂不评价决定（文号、录入人、时间、理由；撤销保留）/ exemptions by decision with their audit trail';
