CREATE OR REPLACE VIEW mart.enterprise_grades WITH (security_barrier) AS
SELECT r.year, g.run_id, g.uscc, g.name, g.region_code, g.above_scale, g.cohort,
       g.land_m2, g.land_m2 * 15 / 10000 AS land_mu, g.tax_yuan, g.sales_yuan, g.kwh,
       g.tax_per_mu AS tax_per_mu_yuan, g.sales_per_mu AS sales_per_mu_yuan, g.tax_per_kwh AS tax_per_kwh_yuan,
       g.score, g.rank, g.cohort_size, g.computed_grade, g.grade, g.consecutive_d_years, g.reasons
FROM runs.enterprise_grades g
JOIN runs.evaluation_runs r ON r.run_id = g.run_id AND r.published
WHERE true
  AND (NOT mart.region_restricted()
       OR g.region_code IN (SELECT region_code FROM runs.login_regions));

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
