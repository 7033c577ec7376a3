-- Analysts' views of grading (spec evaluation.md §6, details.md #60, #61). Money, areas and
-- indicators at full numeric precision in yuan; `score` 4 decimals; unknown kWh is NULL;
-- `reasons` is '' when there are none. Every view is a security barrier filtered by region for
-- region analysts (0007_region_grants.sql).

CREATE VIEW mart.enterprise_grades WITH (security_barrier) AS
SELECT r.year, g.run_id, g.uscc, g.name, g.region_code, g.above_scale, g.cohort,
       g.land_m2, g.land_m2 * 15 / 10000 AS land_mu, g.tax_yuan, g.sales_yuan, g.kwh,
       g.tax_per_mu AS tax_per_mu_yuan, g.sales_per_mu AS sales_per_mu_yuan, g.tax_per_kwh AS tax_per_kwh_yuan,
       g.score, g.rank, g.cohort_size, g.computed_grade, g.grade, g.consecutive_d_years, g.reasons
FROM runs.enterprise_grades g
JOIN runs.evaluation_runs r ON r.run_id = g.run_id AND r.published
WHERE true
  AND (NOT mart.region_restricted()
       OR g.region_code IN (SELECT region_code FROM runs.region_grants WHERE role_name = current_user));

COMMENT ON VIEW mart.enterprise_grades IS '已发布的亩均评价结果，每年每企业一行 / published grades: one row per enterprise and year';
COMMENT ON COLUMN mart.enterprise_grades.year IS '评价年度 / evaluation year';
COMMENT ON COLUMN mart.enterprise_grades.run_id IS '评价运行编号 / evaluation run id';
COMMENT ON COLUMN mart.enterprise_grades.uscc IS '统一社会信用代码 / unified social credit code';
COMMENT ON COLUMN mart.enterprise_grades.name IS '企业名称（现行登记）/ enterprise name (current registry)';
COMMENT ON COLUMN mart.enterprise_grades.region_code IS '所属镇街/园区代码 / township or park code';
COMMENT ON COLUMN mart.enterprise_grades.above_scale IS '是否规上企业 / above designated size';
COMMENT ON COLUMN mart.enterprise_grades.cohort IS '评价组（above 规上 / below 规下，可按区域细分）；N、T 为空 / cohort; empty for N and T';
COMMENT ON COLUMN mart.enterprise_grades.land_m2 IS '工业用地面积（平方米）/ industrial land, m²';
COMMENT ON COLUMN mart.enterprise_grades.land_mu IS '工业用地面积（亩，= 平方米 × 15 / 10000）/ industrial land, mu';
COMMENT ON COLUMN mart.enterprise_grades.tax_yuan IS '年度税收（元）/ tax of the year, yuan';
COMMENT ON COLUMN mart.enterprise_grades.sales_yuan IS '年度应税销售收入（元）/ sales revenue of the year, yuan';
COMMENT ON COLUMN mart.enterprise_grades.kwh IS '年度用电量（千瓦时），未关联户号为空 / electricity of the year, kWh; NULL when unknown';
COMMENT ON COLUMN mart.enterprise_grades.tax_per_mu_yuan IS '亩均税收（元/亩）/ tax per mu, yuan';
COMMENT ON COLUMN mart.enterprise_grades.sales_per_mu_yuan IS '亩均销售收入（元/亩）/ sales per mu, yuan';
COMMENT ON COLUMN mart.enterprise_grades.tax_per_kwh_yuan IS '单位电耗税收（元/千瓦时）/ tax per kWh, yuan';
COMMENT ON COLUMN mart.enterprise_grades.score IS '综合得分（4位小数，排名依据）/ score, 4 decimals, used for ranking';
COMMENT ON COLUMN mart.enterprise_grades.rank IS '组内排名（并列取最优）/ rank in cohort, ties share the best rank';
COMMENT ON COLUMN mart.enterprise_grades.cohort_size IS '组内参评企业数 / graded enterprises in the cohort';
COMMENT ON COLUMN mart.enterprise_grades.computed_grade IS '计算等级（调整前）/ computed class before overrides';
COMMENT ON COLUMN mart.enterprise_grades.grade IS '最终等级 A/B/C/D，T 暂不评价，N 不参评 / final class';
COMMENT ON COLUMN mart.enterprise_grades.consecutive_d_years IS '连续D类年数 / consecutive years graded D, ending with this year';
COMMENT ON COLUMN mart.enterprise_grades.reasons IS '原因代码（分号分隔，排序）/ reason codes, ;-separated, sorted';

-- Benchmarks are cohort-wide published thresholds: every analyst sees the county cohorts' ones,
-- a region analyst only its own regions' cohorts when cohorts are split by region.
CREATE VIEW mart.grade_benchmarks WITH (security_barrier) AS
SELECT r.year, b.run_id, b.cohort, b.indicator, b.weight, b.n_defined, b.mean, b.benchmark
FROM runs.grade_benchmarks b
JOIN runs.evaluation_runs r ON r.run_id = b.run_id AND r.published
WHERE NOT mart.region_restricted()
   OR position('|' IN b.cohort) = 0
   OR split_part(b.cohort, '|', 2) IN (SELECT region_code FROM runs.region_grants WHERE role_name = current_user);

COMMENT ON VIEW mart.grade_benchmarks IS '已发布评价的基准值 / benchmarks of published evaluations';
COMMENT ON COLUMN mart.grade_benchmarks.year IS '评价年度 / evaluation year';
COMMENT ON COLUMN mart.grade_benchmarks.run_id IS '评价运行编号 / evaluation run id';
COMMENT ON COLUMN mart.grade_benchmarks.cohort IS '评价组 / cohort';
COMMENT ON COLUMN mart.grade_benchmarks.indicator IS '指标 / indicator (tax_per_mu, sales_per_mu, tax_per_kwh)';
COMMENT ON COLUMN mart.grade_benchmarks.weight IS '权重 / weight';
COMMENT ON COLUMN mart.grade_benchmarks.n_defined IS '有值企业数 / enterprises with a defined value';
COMMENT ON COLUMN mart.grade_benchmarks.mean IS '平均值 / mean of the defined values';
COMMENT ON COLUMN mart.grade_benchmarks.benchmark IS '基准值（固定值或 系数×平均值）/ benchmark: fixed, or factor × mean';

-- Indicator inputs for every enterprise and year with tax or power data, graded or not.
-- Industrial land uses: those of the latest evaluation run's profile, else 工业 (the default).
CREATE VIEW mart.enterprise_year WITH (security_barrier) AS
WITH years AS (
    SELECT DISTINCT extract(year FROM period)::int AS year FROM core.known_months
), uses AS (
    SELECT u AS land_use
    FROM (SELECT coalesce((SELECT p.content #> '{grading,industrial_land_uses}'
                           FROM runs.evaluation_runs r JOIN runs.policy_profiles p ON p.sha256 = r.policy_sha256
                           ORDER BY r.run_id DESC LIMIT 1), '["工业"]'::jsonb) AS list) l,
         LATERAL (SELECT jsonb_array_elements_text(l.list) AS u
                  UNION SELECT jsonb_array_elements_text(l.list) || '用地') AS x
), land AS (
    SELECT y.year, p.holder_uscc AS uscc, sum(p.area_m2) AS land_m2
    FROM years y
    JOIN core.parcels_current p ON p.supplied_on <= make_date(y.year, 12, 31)
    WHERE p.land_use IN (SELECT land_use FROM uses)
    GROUP BY y.year, p.holder_uscc
), tax AS (
    SELECT extract(year FROM period)::int AS year, uscc,
           sum(coalesce(vat, 0) + coalesce(corporate_income_tax, 0) + coalesce(individual_income_tax, 0)
               + coalesce(urban_land_use_tax, 0) + coalesce(property_tax, 0) + coalesce(other_taxes, 0)) AS tax_yuan,
           sum(coalesce(sales_revenue, 0)) AS sales_yuan,
           count(DISTINCT period) AS months
    FROM core.tax_current GROUP BY 1, 2
), power AS (
    SELECT y.year, l.uscc,
           CASE WHEN bool_and(EXISTS (SELECT 1 FROM core.power_current a WHERE a.account_no = l.account_no))
                THEN coalesce(sum(pc.kwh), 0) END AS kwh,
           count(DISTINCT pc.period) AS months
    FROM years y
    CROSS JOIN core.power_account_links l
    LEFT JOIN core.power_current pc ON pc.account_no = l.account_no AND extract(year FROM pc.period) = y.year
    WHERE l.uscc IS NOT NULL
    GROUP BY y.year, l.uscc
)
SELECT y.year, e.uscc, e.name, e.region_code, e.above_scale,
       coalesce(land.land_m2, 0) AS land_m2, coalesce(land.land_m2, 0) * 15 / 10000 AS land_mu,
       coalesce(tax.tax_yuan, 0) AS tax_yuan, coalesce(tax.sales_yuan, 0) AS sales_yuan, power.kwh,
       coalesce(tax.months, 0)::int AS tax_months_known, coalesce(power.months, 0)::int AS power_months_known
FROM years y
CROSS JOIN core.registry_current e
LEFT JOIN land ON land.year = y.year AND land.uscc = e.uscc
LEFT JOIN tax ON tax.year = y.year AND tax.uscc = e.uscc
LEFT JOIN power ON power.year = y.year AND power.uscc = e.uscc
WHERE true
  AND (NOT mart.region_restricted()
       OR e.region_code IN (SELECT region_code FROM runs.region_grants WHERE role_name = current_user));

COMMENT ON VIEW mart.enterprise_year IS '企业年度指标输入（按现行数据，含未评价企业）/ indicator inputs per enterprise and year, from current data';
COMMENT ON COLUMN mart.enterprise_year.year IS '年度 / year';
COMMENT ON COLUMN mart.enterprise_year.uscc IS '统一社会信用代码 / unified social credit code';
COMMENT ON COLUMN mart.enterprise_year.name IS '企业名称 / enterprise name';
COMMENT ON COLUMN mart.enterprise_year.region_code IS '所属镇街/园区代码 / township or park code';
COMMENT ON COLUMN mart.enterprise_year.above_scale IS '是否规上企业 / above designated size';
COMMENT ON COLUMN mart.enterprise_year.land_m2 IS '年末工业用地（平方米）/ industrial land at year end, m²';
COMMENT ON COLUMN mart.enterprise_year.land_mu IS '年末工业用地（亩）/ industrial land at year end, mu';
COMMENT ON COLUMN mart.enterprise_year.tax_yuan IS '年度税收合计（元，六项税费）/ tax of the year, yuan (six tax columns)';
COMMENT ON COLUMN mart.enterprise_year.sales_yuan IS '年度应税销售收入（元）/ sales revenue of the year, yuan';
COMMENT ON COLUMN mart.enterprise_year.kwh IS '年度用电量（千瓦时），未知为空 / electricity of the year, kWh; NULL when unknown';
COMMENT ON COLUMN mart.enterprise_year.tax_months_known IS '该企业有税收记录的月数 / months of the year with a tax row for the enterprise';
COMMENT ON COLUMN mart.enterprise_year.power_months_known IS '该企业关联户号有用电记录的月数 / months of the year with a power row on its linked accounts';
