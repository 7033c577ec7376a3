-- Indicator inputs and the catalogue's ten indicator values (whenever defined, weighted or not:
-- details.md #105) for every enterprise and year with tax or power data, graded or not: what
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
       i.tax_months AS tax_months_known, i.power_months AS power_months_known,
       i.value_added AS value_added_yuan, i.revenue AS revenue_yuan, i.output_value AS output_value_yuan,
       i.rd_expense AS rd_expense_yuan, i.employees_avg, i.energy_tce, i.emissions_t,
       i.tech_investment AS tech_investment_yuan,
       v.tax_per_mu AS tax_per_mu_yuan, v.sales_per_mu AS sales_per_mu_yuan, v.tax_per_kwh AS tax_per_kwh_yuan,
       v.value_added_per_mu AS value_added_per_mu_yuan, v.value_added_per_tce AS value_added_per_tce_yuan,
       v.value_added_per_emission AS value_added_per_emission_yuan, v.labour_productivity AS labour_productivity_yuan,
       v.rd_ratio, v.tech_investment_per_mu AS tech_investment_per_mu_yuan, v.tax_per_emission AS tax_per_emission_yuan
FROM years y
CROSS JOIN policy
CROSS JOIN LATERAL core.enterprise_year_inputs_as_owner(y.year, policy.content) AS i
CROSS JOIN LATERAL core.indicator_values(i.land_m2, i.tax_yuan, i.sales_yuan, i.kwh, i.value_added, i.revenue,
                                         i.rd_expense, i.employees_avg, i.energy_tce, i.emissions_t,
                                         i.tech_investment) AS v
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
COMMENT ON COLUMN mart.enterprise_year.value_added_yuan IS '工业增加值（元，统计数据，未知为空，可为负）/ value added, yuan, from the statistics extract; NULL when unknown';
COMMENT ON COLUMN mart.enterprise_year.revenue_yuan IS '营业收入（元，统计数据，未知为空）/ revenue, yuan; NULL when unknown';
COMMENT ON COLUMN mart.enterprise_year.output_value_yuan IS '工业总产值（元，统计数据，未知为空）/ gross industrial output, yuan; NULL when unknown';
COMMENT ON COLUMN mart.enterprise_year.rd_expense_yuan IS '研发经费支出（元，统计数据，未知为空）/ R&D expense, yuan; NULL when unknown';
COMMENT ON COLUMN mart.enterprise_year.employees_avg IS '年平均从业人员（人，统计数据，未知为空）/ average employees; NULL when unknown';
COMMENT ON COLUMN mart.enterprise_year.energy_tce IS '综合能耗（吨标准煤，未知为空）/ energy use, tonnes of standard coal; NULL when unknown';
COMMENT ON COLUMN mart.enterprise_year.emissions_t IS '主要污染物排放当量（吨，未知为空）/ main pollutant emissions, tonnes; NULL when unknown';
COMMENT ON COLUMN mart.enterprise_year.tech_investment_yuan IS '技改投资（元，未知为空）/ technical-renovation investment, yuan; NULL when unknown';
COMMENT ON COLUMN mart.enterprise_year.tax_per_mu_yuan IS '亩均税收（元/亩），未定义为空 / tax per mu, yuan; NULL when undefined';
COMMENT ON COLUMN mart.enterprise_year.sales_per_mu_yuan IS '亩均销售收入（元/亩），未定义为空 / sales per mu, yuan; NULL when undefined';
COMMENT ON COLUMN mart.enterprise_year.tax_per_kwh_yuan IS '单位电耗税收（元/千瓦时），未定义为空 / tax per kWh, yuan; NULL when undefined';
COMMENT ON COLUMN mart.enterprise_year.value_added_per_mu_yuan IS '亩均工业增加值（元/亩），未定义为空 / value added per mu, yuan; NULL when undefined';
COMMENT ON COLUMN mart.enterprise_year.value_added_per_tce_yuan IS '单位能耗工业增加值（元/吨标准煤），未定义为空 / value added per tce, yuan; NULL when undefined';
COMMENT ON COLUMN mart.enterprise_year.value_added_per_emission_yuan IS '单位排放工业增加值（元/吨），未定义为空 / value added per tonne of emissions, yuan; NULL when undefined';
COMMENT ON COLUMN mart.enterprise_year.labour_productivity_yuan IS '全员劳动生产率（元/人），未定义为空 / value added per employee, yuan; NULL when undefined';
COMMENT ON COLUMN mart.enterprise_year.rd_ratio IS '研发经费支出占营业收入比重（0.0305 = 3.05%），未定义为空 / R&D expense over revenue; NULL when undefined';
COMMENT ON COLUMN mart.enterprise_year.tech_investment_per_mu_yuan IS '亩均技改投资（元/亩），未定义为空 / technical-renovation investment per mu, yuan; NULL when undefined';
COMMENT ON COLUMN mart.enterprise_year.tax_per_emission_yuan IS '单位排放税收（元/吨），未定义为空 / tax per tonne of emissions, yuan; NULL when undefined';
