-- Benchmarks are cohort-wide published thresholds: every analyst sees the county cohorts' ones,
-- a region analyst only its own regions' cohorts when cohorts are split by region.
CREATE OR REPLACE VIEW mart.grade_benchmarks WITH (security_barrier) AS
SELECT r.year, b.run_id, b.cohort, b.indicator, b.weight, b.n_defined, b.mean, b.benchmark
FROM runs.grade_benchmarks b
JOIN runs.evaluation_runs r ON r.run_id = b.run_id AND r.published
WHERE NOT mart.region_restricted()
   OR position('|' IN b.cohort) = 0
   OR split_part(b.cohort, '|', 2) IN (SELECT region_code FROM runs.login_regions);

COMMENT ON VIEW mart.grade_benchmarks IS '已发布评价的基准值 / benchmarks of published evaluations';
COMMENT ON COLUMN mart.grade_benchmarks.year IS '评价年度 / evaluation year';
COMMENT ON COLUMN mart.grade_benchmarks.run_id IS '评价运行编号 / evaluation run id';
COMMENT ON COLUMN mart.grade_benchmarks.cohort IS '评价组 / cohort';
COMMENT ON COLUMN mart.grade_benchmarks.indicator IS '指标 / indicator (tax_per_mu, sales_per_mu, tax_per_kwh)';
COMMENT ON COLUMN mart.grade_benchmarks.weight IS '权重 / weight';
COMMENT ON COLUMN mart.grade_benchmarks.n_defined IS '有值企业数 / enterprises with a defined value';
COMMENT ON COLUMN mart.grade_benchmarks.mean IS '平均值 / mean of the defined values';
COMMENT ON COLUMN mart.grade_benchmarks.benchmark IS '基准值（固定值或 系数×平均值）/ benchmark: fixed, or factor × mean';
