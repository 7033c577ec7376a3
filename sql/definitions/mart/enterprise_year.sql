-- Indicator inputs for every enterprise and year with tax or power data, graded or not.
-- Industrial land uses: those of the latest evaluation run's profile, else 工业 (the default).
CREATE OR REPLACE VIEW mart.enterprise_year WITH (security_barrier) AS
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
