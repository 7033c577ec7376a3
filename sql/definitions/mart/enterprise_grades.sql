CREATE OR REPLACE VIEW mart.enterprise_grades WITH (security_barrier) AS
SELECT r.year, g.run_id, g.uscc, g.name, g.region_code, g.above_scale, g.cohort,
       g.land_m2, g.land_m2 * 15 / 10000 AS land_mu, g.tax_yuan, g.sales_yuan, g.kwh,
       g.tax_per_mu AS tax_per_mu_yuan, g.sales_per_mu AS sales_per_mu_yuan, g.tax_per_kwh AS tax_per_kwh_yuan,
       g.score, g.rank, g.cohort_size, g.computed_grade, g.grade, g.consecutive_d_years, g.reasons,
       g.value_added_yuan, g.revenue_yuan, g.output_value_yuan, g.rd_expense_yuan, g.employees_avg, g.energy_tce,
       g.emissions_t, g.tech_investment_yuan,
       g.value_added_per_mu AS value_added_per_mu_yuan, g.value_added_per_tce AS value_added_per_tce_yuan,
       g.value_added_per_emission AS value_added_per_emission_yuan, g.labour_productivity AS labour_productivity_yuan,
       g.rd_ratio, g.tech_investment_per_mu AS tech_investment_per_mu_yuan, g.tax_per_emission AS tax_per_emission_yuan,
       g.adjustment, g.exempted, g.held_d, r.published_on, r.decision_no
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
COMMENT ON COLUMN mart.enterprise_grades.cohort IS '评价组（above 规上 / below 规下，可按区域、行业组细分，小组并入规模组）；N、T 为其登记数据所属组 / cohort: scale, then region and industry group as the profile splits them, small ones pooled into the scale''s; N and T rows carry the one their registry data gives';
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
COMMENT ON COLUMN mart.enterprise_grades.value_added_yuan IS '工业增加值（元，统计数据，未知为空）/ value added, yuan; NULL when unknown';
COMMENT ON COLUMN mart.enterprise_grades.revenue_yuan IS '营业收入（元，未知为空）/ revenue, yuan; NULL when unknown';
COMMENT ON COLUMN mart.enterprise_grades.output_value_yuan IS '工业总产值（元，未知为空）/ gross industrial output, yuan; NULL when unknown';
COMMENT ON COLUMN mart.enterprise_grades.rd_expense_yuan IS '研发经费支出（元，未知为空）/ R&D expense, yuan; NULL when unknown';
COMMENT ON COLUMN mart.enterprise_grades.employees_avg IS '年平均从业人员（未知为空）/ average employees; NULL when unknown';
COMMENT ON COLUMN mart.enterprise_grades.energy_tce IS '综合能耗（吨标准煤，未知为空）/ energy use, tce; NULL when unknown';
COMMENT ON COLUMN mart.enterprise_grades.emissions_t IS '主要污染物排放当量（吨，未知为空）/ emissions, tonnes; NULL when unknown';
COMMENT ON COLUMN mart.enterprise_grades.tech_investment_yuan IS '技改投资（元，未知为空）/ technical-renovation investment, yuan; NULL when unknown';
COMMENT ON COLUMN mart.enterprise_grades.value_added_per_mu_yuan IS '亩均工业增加值（元/亩），未定义或未计权为空 / value added per mu, yuan; NULL when undefined or not weighted';
COMMENT ON COLUMN mart.enterprise_grades.value_added_per_tce_yuan IS '单位能耗工业增加值（元/吨标准煤），未定义或未计权为空 / value added per tce, yuan; NULL when undefined or not weighted';
COMMENT ON COLUMN mart.enterprise_grades.value_added_per_emission_yuan IS '单位排放工业增加值（元/吨），未定义或未计权为空 / value added per tonne of emissions; NULL when undefined or not weighted';
COMMENT ON COLUMN mart.enterprise_grades.labour_productivity_yuan IS '全员劳动生产率（元/人），未定义或未计权为空 / value added per employee; NULL when undefined or not weighted';
COMMENT ON COLUMN mart.enterprise_grades.rd_ratio IS '研发经费支出占营业收入比重，未定义或未计权为空 / R&D over revenue; NULL when undefined or not weighted';
COMMENT ON COLUMN mart.enterprise_grades.tech_investment_per_mu_yuan IS '亩均技改投资（元/亩），未定义或未计权为空 / technical-renovation investment per mu; NULL when undefined or not weighted';
COMMENT ON COLUMN mart.enterprise_grades.tax_per_emission_yuan IS '单位排放税收（元/吨），未定义或未计权为空 / tax per tonne of emissions; NULL when undefined or not weighted';
COMMENT ON COLUMN mart.enterprise_grades.adjustment IS '加减分（按参数限幅后，计入得分；N、T 为空）/ adjustment points in the score, after the profile''s clamp; NULL for N and T';
COMMENT ON COLUMN mart.enterprise_grades.exempted IS '是否暂不评价（决定）/ exempted by decision (grade T, reason exempted)';
COMMENT ON COLUMN mart.enterprise_grades.held_d IS 'D类因缺数暂缓列入清单（待复核）/ a D resting on missing data: on no list for its grade until a review';
COMMENT ON COLUMN mart.enterprise_grades.published_on IS '公布日期（名单自此日起适用该等级，procedure.md §2）/ publication date: lists use these grades from this day';
COMMENT ON COLUMN mart.enterprise_grades.decision_no IS '公布文号（版本一发布的为空）/ decision number of the publication (empty for edition-1 publications)';
