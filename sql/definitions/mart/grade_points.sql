-- Why a firm got its score: the points of every weighted indicator of every graded enterprise of
-- the published runs (spec indicators.md §3; sql/grading/05_points.sql), with the rule that
-- scored it. score = round((Σ points) × weight / (weight − left-out weight) + adjustment, 4).
CREATE OR REPLACE VIEW mart.grade_points WITH (security_barrier) AS
SELECT r.year, p.run_id, p.uscc, g.region_code, g.cohort, p.indicator, p.weight, p.value, p.unknown, p.scored_by, p.points
FROM runs.indicator_points p
JOIN runs.evaluation_runs r ON r.run_id = p.run_id AND r.published
JOIN runs.enterprise_grades g ON g.run_id = p.run_id AND g.uscc = p.uscc
WHERE NOT mart.region_restricted()
   OR g.region_code IN (SELECT region_code FROM runs.login_regions);

COMMENT ON VIEW mart.grade_points IS '已发布评价的各企业各指标得分 / points per enterprise and weighted indicator of published evaluations';
COMMENT ON COLUMN mart.grade_points.year IS '评价年度 / evaluation year';
COMMENT ON COLUMN mart.grade_points.run_id IS '评价运行编号 / evaluation run id';
COMMENT ON COLUMN mart.grade_points.uscc IS '统一社会信用代码 / unified social credit code';
COMMENT ON COLUMN mart.grade_points.region_code IS '所属镇街/园区代码 / township or park code';
COMMENT ON COLUMN mart.grade_points.cohort IS '评价组 / cohort';
COMMENT ON COLUMN mart.grade_points.indicator IS '指标（见 mart.enterprise_grades 各指标列）/ indicator of the catalogue';
COMMENT ON COLUMN mart.grade_points.weight IS '权重 / weight';
COMMENT ON COLUMN mart.grade_points.value IS '指标值（未定义为空）/ indicator value; NULL when undefined';
COMMENT ON COLUMN mart.grade_points.unknown IS '是否因输入未知而未定义 / undefined because an input is unknown';
COMMENT ON COLUMN mart.grade_points.scored_by IS '计分方式 value 按值 / zero 缺项计0 / cohort_mean 缺项取组内平均得分 / reweight 缺项权重重分配 / how it was scored';
COMMENT ON COLUMN mart.grade_points.points IS '得分（未四舍五入；reweight 缺项为空）/ points, unrounded; NULL when left out by reweight';
