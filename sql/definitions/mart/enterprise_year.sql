-- Indicator inputs for every enterprise and year with tax or power data, graded or not: what
-- grading reads, from the same definition (core.enterprise_year_inputs), under the profile of the
-- latest evaluation run — else the default's 工业 land and no tax left out. The tax therefore
-- leaves out that profile's grading_tax_excludes, as grading's T does (docs/analysts.md).
CREATE OR REPLACE VIEW mart.enterprise_year WITH (security_barrier) AS
WITH years AS (
    SELECT DISTINCT extract(year FROM period)::int AS year FROM core.known_months
), policy AS (
    SELECT coalesce((SELECT p.content
                     FROM runs.evaluation_runs r JOIN runs.policy_profiles p ON p.sha256 = r.policy_sha256
                     ORDER BY r.run_id DESC LIMIT 1),
                    '{"grading": {"industrial_land_uses": ["工业"], "grading_tax_excludes": []}}'::jsonb) AS content
)
SELECT y.year, i.uscc, i.name, i.region_code, i.above_scale,
       i.land_m2, i.land_m2 * 15 / 10000 AS land_mu,
       i.tax_yuan, i.sales_yuan, i.kwh,
       i.tax_months AS tax_months_known, i.power_months AS power_months_known
FROM years y
CROSS JOIN policy
CROSS JOIN LATERAL core.enterprise_year_inputs(y.year, policy.content) AS i
WHERE NOT mart.region_restricted()
   OR i.region_code IN (SELECT region_code FROM runs.login_regions);

COMMENT ON VIEW mart.enterprise_year IS '企业年度指标输入（按现行数据，含未评价企业）/ indicator inputs per enterprise and year, from current data';
COMMENT ON COLUMN mart.enterprise_year.year IS '年度 / year';
COMMENT ON COLUMN mart.enterprise_year.uscc IS '统一社会信用代码 / unified social credit code';
COMMENT ON COLUMN mart.enterprise_year.name IS '企业名称 / enterprise name';
COMMENT ON COLUMN mart.enterprise_year.region_code IS '所属镇街/园区代码 / township or park code';
COMMENT ON COLUMN mart.enterprise_year.above_scale IS '是否规上企业 / above designated size';
COMMENT ON COLUMN mart.enterprise_year.land_m2 IS '年末工业用地（平方米）/ industrial land at year end, m²';
COMMENT ON COLUMN mart.enterprise_year.land_mu IS '年末工业用地（亩）/ industrial land at year end, mu';
COMMENT ON COLUMN mart.enterprise_year.tax_yuan IS '年度税收合计（元，六项税费，减去评价参数 grading_tax_excludes 所列）/ tax of the year, yuan: the six tax columns less the profile''s grading_tax_excludes, as grading counts it';
COMMENT ON COLUMN mart.enterprise_year.sales_yuan IS '年度应税销售收入（元）/ sales revenue of the year, yuan';
COMMENT ON COLUMN mart.enterprise_year.kwh IS '年度用电量（千瓦时），未知为空 / electricity of the year, kWh; NULL when unknown';
COMMENT ON COLUMN mart.enterprise_year.tax_months_known IS '该企业有税收记录的月数 / months of the year with a tax row for the enterprise';
COMMENT ON COLUMN mart.enterprise_year.power_months_known IS '该企业关联户号有用电记录的月数 / months of the year with a power row on its linked accounts';
