-- The public notice of an evaluation run (公示, procedure.md §1; details.md #97, #124, #128;
-- seed 003_a0174000c3a42330.txt 三: results are fed back to each enterprise in writing, with
-- one chance of re-verification on objection). Run by `mujun notice` inside its transaction with
--   mujun.run_id        the run put under notice
--   mujun.notice_from   the first day of the notice period
--   mujun.notice_until  its last day (notice_from + days − 1)
-- It makes the rows of notice.csv and the content of every enterprise's letter (告知书); the
-- command writes the files from them.

-- The indicators of the notice: the union of both scales' weighted indicators, in catalogue
-- order (details.md #128), with the decimals of the files (tax_per_kwh and rd_ratio 4, else 2)
-- and how letters show them (details.md #97: amounts in 万元 with 2 decimals, ratios as
-- percentages with 2 decimals; an amount per kWh stays in 元, where 万元 would print 0.00).
CREATE TEMP TABLE notice_indicators ON COMMIT DROP AS
SELECT c.indicator, c.catalogue_order, c.name_zh, c.unit,
       CASE WHEN c.indicator IN ('tax_per_kwh', 'rd_ratio') THEN 4 ELSE 2 END AS decimals,
       CASE c.unit WHEN 'yuan/mu' THEN '万元/亩' WHEN 'yuan/tce' THEN '万元/吨标准煤' WHEN 'yuan/t' THEN '万元/吨'
                   WHEN 'yuan/person' THEN '万元/人' WHEN 'yuan/kWh' THEN '元/千瓦时' WHEN 'ratio' THEN '%' END AS letter_unit,
       CASE c.unit WHEN 'yuan/kWh' THEN 1 WHEN 'ratio' THEN 100 ELSE 0.0001 END AS letter_factor,
       CASE c.unit WHEN 'yuan/kWh' THEN 4 ELSE 2 END AS letter_decimals,
       run.policy #> ARRAY['grading', 'indicators', 'above', c.indicator, 'weight'] IS NOT NULL AS weighted_above,
       run.policy #> ARRAY['grading', 'indicators', 'below', c.indicator, 'weight'] IS NOT NULL AS weighted_below
FROM core.indicator_catalogue() c
CROSS JOIN runs.evaluation_context run
WHERE run.policy #> ARRAY['grading', 'indicators', 'above', c.indicator] IS NOT NULL
   OR run.policy #> ARRAY['grading', 'indicators', 'below', c.indicator] IS NOT NULL;

-- What each reason code means, for the letters (evaluation.md §2–§5, indicators.md §4–§7).
CREATE TEMP TABLE notice_reason_texts (code, text) ON COMMIT DROP AS
VALUES ('not_active', '登记状态非存续（在营）或停业，不参加评价'),
       ('no_land', '无工业用地，不参加评价'),
       ('below_min_land', '规下企业用地面积不足评价起点，不参加评价'),
       ('exempted', '经决定暂不评价'),
       ('construction_period', '尚在建设期（未投产且约定竣工期未到），暂不评价'),
       ('new_production', '投产未满规定年限，暂不评价'),
       ('no_power_data', '缺少用电数据，相关指标按规则计分'),
       ('no_statistics', '缺少统计数据，相关指标按规则计分'),
       ('adjusted', '有加减分项'),
       ('idle_land_veto', '持有认定闲置土地，不得评为A、B类'),
       ('veto', '一票否决'),
       ('review', '经复核确定等级'),
       ('held_missing_data', 'D类因数据缺失暂缓适用差别化政策，待核实');

-- The run's rows, read once into this session's tables by plain selects, so that the letters
-- are made from these alone: the one query that joins them all would otherwise join the
-- distributed tables of a Citus cluster to this session's tables, which Citus handles badly
-- (docs/architecture.md, "Citus"); on one PostgreSQL it is a copy of the run's rows.
CREATE TEMP TABLE notice_run ON COMMIT DROP AS
SELECT c.run_id, c.year, c.policy,
       current_setting('mujun.notice_from')::date AS notice_from,
       current_setting('mujun.notice_until')::date AS notice_until,
       coalesce(c.policy #>> '{evaluation,objection_contact}', '') AS contact
FROM runs.evaluation_context c;

CREATE TEMP TABLE notice_grades ON COMMIT DROP AS
SELECT g.* FROM runs.enterprise_grades g WHERE g.run_id = current_setting('mujun.run_id')::bigint;

CREATE TEMP TABLE notice_points ON COMMIT DROP AS
SELECT p.* FROM runs.indicator_points p WHERE p.run_id = current_setting('mujun.run_id')::bigint;

CREATE TEMP TABLE notice_benchmarks ON COMMIT DROP AS
SELECT b.* FROM runs.grade_benchmarks b WHERE b.run_id = current_setting('mujun.run_id')::bigint;

-- One row per enterprise of the run (graded or not), sorted by region then uscc.
CREATE TEMP TABLE notice_rows ON COMMIT DROP AS
WITH run AS (
    SELECT * FROM notice_run
), values_of AS (
    -- Every notice indicator's value for every row: empty where the row's scale does not weight it.
    SELECT g.uscc, g.cohort, i.indicator, i.catalogue_order,
           CASE WHEN (g.above_scale AND i.weighted_above) OR (NOT g.above_scale AND i.weighted_below)
                THEN (to_jsonb(g) ->> i.indicator)::numeric END AS value,
           i.decimals, i.name_zh, i.letter_unit, i.letter_factor, i.letter_decimals
    FROM notice_grades g
    JOIN run ON run.run_id = g.run_id
    CROSS JOIN notice_indicators i
), values_agg AS (
    -- The row's notice fields and its letter's indicator table, one aggregate per enterprise.
    SELECT v.uscc,
           array_agg(round(v.value, v.decimals)::text ORDER BY v.catalogue_order) AS texts,
           coalesce(jsonb_agg(jsonb_build_object(
                        'name', v.name_zh, 'unit', v.letter_unit,
                        'value', round(v.value * v.letter_factor, v.letter_decimals)::text,
                        'benchmark', CASE WHEN b.method = 'minmax'
                                          THEN round(b.min * v.letter_factor, v.letter_decimals)::text || ' – '
                                               || round(b.max * v.letter_factor, v.letter_decimals)::text
                                          ELSE round(b.benchmark * v.letter_factor, v.letter_decimals)::text END,
                        'method', coalesce(b.method, 'ratio'),
                        'weight', p.weight::text,
                        'points', round(p.points, 4)::text)
                    ORDER BY v.catalogue_order) FILTER (WHERE p.uscc IS NOT NULL OR v.value IS NOT NULL), '[]') AS indicators
    FROM values_of v
    CROSS JOIN run
    LEFT JOIN notice_points p ON p.run_id = run.run_id AND p.uscc = v.uscc AND p.indicator = v.indicator
    LEFT JOIN notice_benchmarks b ON b.run_id = run.run_id AND b.cohort = v.cohort AND b.indicator = v.indicator
    GROUP BY v.uscc
), next_better AS (
    -- details.md #97, #124: the lowest 4-decimal score of the computed class above the row's
    -- computed class in its cohort (empty for A, and for a class nobody holds).
    SELECT g.cohort, g.computed_grade, min(round(g.score, 4)) AS lowest
    FROM notice_grades g JOIN run ON run.run_id = g.run_id
    WHERE g.computed_grade IN ('A', 'B', 'C')
    GROUP BY g.cohort, g.computed_grade
)
SELECT g.region_code, g.uscc,
       ARRAY[run.year::text, g.uscc, g.name, g.region_code, g.cohort, g.grade, g.computed_grade,
             round(g.score, 4)::text, g.rank::text, g.cohort_size::text]
       || va.texts || ARRAY[g.reasons] AS fields,
       jsonb_build_object(
           'year', run.year, 'run_id', run.run_id, 'uscc', g.uscc, 'name', g.name, 'region_code', g.region_code,
           'cohort', g.cohort, 'grade', g.grade, 'computed_grade', g.computed_grade,
           'graded', g.computed_grade IN ('A', 'B', 'C', 'D'),
           'score', round(g.score, 4)::text, 'rank', g.rank, 'cohort_size', g.cohort_size,
           'held_d', g.held_d,
           'next_class', CASE g.computed_grade WHEN 'B' THEN 'A' WHEN 'C' THEN 'B' WHEN 'D' THEN 'C' END,
           'next_class_score', nb.lowest::text,
           'reasons', coalesce((SELECT jsonb_agg(jsonb_build_object('code', r.code, 'text', coalesce(t.text, r.code))
                                                 ORDER BY r.code COLLATE "C")
                                FROM unnest(string_to_array(nullif(g.reasons, ''), ';')) AS r (code)
                                LEFT JOIN notice_reason_texts t ON t.code = r.code), '[]'),
           'indicators', va.indicators,
           'notice_from', to_char(run.notice_from, 'YYYY-MM-DD'),
           'notice_until', to_char(run.notice_until, 'YYYY-MM-DD'),
           'contact', run.contact) AS letter
FROM notice_grades g
JOIN run ON run.run_id = g.run_id
JOIN values_agg va ON va.uscc = g.uscc
LEFT JOIN next_better nb ON nb.cohort = g.cohort
                        AND nb.computed_grade = CASE g.computed_grade WHEN 'B' THEN 'A' WHEN 'C' THEN 'B' WHEN 'D' THEN 'C' END;
