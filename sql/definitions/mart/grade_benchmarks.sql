-- Benchmarks are cohort-wide published thresholds: every analyst sees the county cohorts' ones,
-- a region analyst only its own regions' cohorts when cohorts are split by region.
CREATE OR REPLACE VIEW mart.grade_benchmarks WITH (security_barrier) AS
SELECT r.year, b.run_id, b.cohort, b.indicator, b.weight, b.n_defined, b.mean, b.benchmark,
       b.method, b.benchmark_basis, b.min, b.max, b.fixed, b.fell_back, b.basis_run_id, b.cap, b.floor, b.missing,
       b.mean_points
FROM runs.grade_benchmarks b
JOIN runs.evaluation_runs r ON r.run_id = b.run_id AND r.published
WHERE NOT mart.region_restricted()
   OR b.region_code IS NULL
   OR b.region_code IN (SELECT region_code FROM runs.login_regions);

COMMENT ON VIEW mart.grade_benchmarks IS '已发布评价的基准值 / benchmarks of published evaluations';
COMMENT ON COLUMN mart.grade_benchmarks.year IS '评价年度 / evaluation year';
COMMENT ON COLUMN mart.grade_benchmarks.run_id IS '评价运行编号 / evaluation run id';
COMMENT ON COLUMN mart.grade_benchmarks.cohort IS '评价组 / cohort';
COMMENT ON COLUMN mart.grade_benchmarks.indicator IS '指标（指标目录十项之一）/ indicator of the catalogue';
COMMENT ON COLUMN mart.grade_benchmarks.weight IS '权重 / weight';
COMMENT ON COLUMN mart.grade_benchmarks.n_defined IS '有值企业数 / enterprises with a defined value';
COMMENT ON COLUMN mart.grade_benchmarks.mean IS '平均值 / mean of the defined values';
COMMENT ON COLUMN mart.grade_benchmarks.benchmark IS '基准值（ratio：固定值，或 系数×本年或上年平均值；minmax 为空）/ benchmark: fixed, or factor × the same-year or previous-year mean; NULL for minmax';
COMMENT ON COLUMN mart.grade_benchmarks.method IS '计分方法 ratio 比值法 / minmax 极差法 / scoring method';
COMMENT ON COLUMN mart.grade_benchmarks.benchmark_basis IS '基准依据 same_year 本年平均 / previous_year 上年已发布平均；固定基准与 minmax 为空 / what the benchmark''s mean is; NULL for a fixed benchmark and minmax';
COMMENT ON COLUMN mart.grade_benchmarks.min IS '组内有值企业最小值 / minimum of the defined values';
COMMENT ON COLUMN mart.grade_benchmarks.max IS '组内有值企业最大值 / maximum of the defined values';
COMMENT ON COLUMN mart.grade_benchmarks.fixed IS '是否固定基准 / fixed benchmark from the profile';
COMMENT ON COLUMN mart.grade_benchmarks.fell_back IS 'previous_year 因无往年发布而改用本年平均 / previous_year fell back to same_year: no earlier year published';
COMMENT ON COLUMN mart.grade_benchmarks.basis_run_id IS 'previous_year 所用上年发布运行 / the published run of Y−1 a previous_year benchmark read';
COMMENT ON COLUMN mart.grade_benchmarks.cap IS 'ratio 上限（空为不封顶）/ ratio cap; NULL: no upper clamp';
COMMENT ON COLUMN mart.grade_benchmarks.floor IS 'minmax 下限得分比例 / minmax floor';
COMMENT ON COLUMN mart.grade_benchmarks.missing IS '缺项规则 zero 计0 / cohort_mean 组内平均得分 / reweight 权重重分配 / what an undefined value scores';
COMMENT ON COLUMN mart.grade_benchmarks.mean_points IS 'cohort_mean 缺项所取组内平均得分 / the cohort_mean substitute: mean points of the defined enterprises';
