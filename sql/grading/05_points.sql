-- Grading step 5: points per indicator, adjustments and the score (spec indicators.md §3, §4;
-- details.md #41, #104, #112, #123).
--
-- Points s of a graded enterprise (not N, not T, not exempted) for each weighted indicator of
-- its cohort (runs.grade_benchmarks of this run), from its unrounded value x:
--   ratio   s = weight × clamp(x / benchmark, 0, cap); no upper clamp when cap is NULL; 0 for
--           everyone when the benchmark is NULL or ≤ 0 (details.md #40)
--   minmax  s = weight × (floor + (1 − floor) × (x − min) / (max − min)); weight when max = min
--           (Jingde 2022: 权重 × [20 + 80 × (x − min) / (max − min)], i.e. floor 0.2)
-- An undefined x (NULL) is scored by the indicator's `missing` rule (scored_by):
--   zero         0
--   cohort_mean  the mean of s over the cohort's enterprises whose x is defined (Huangyan:
--                缺项取规上企业此项平均得分), 0 when none is; stored as mean_points
--   reweight     left out: the enterprise's other points, cohort_mean substitutes included, are
--                multiplied by W / (W − Σ left-out weights), W the cohort's total weight; the
--                score is 0 when every weighted indicator is left out (details.md #104, #112)
-- Adjustments (加分项/减分项, `mujun adjust add`): the enterprise's entries of Y not revoked,
--   summed, clamped to [−grading.adjustments.max_deduction, +max_bonus] and added; reason
--   `adjusted` when the clamped sum is not 0. With both limits 0 (the default) entries are not
--   applied and the run's notes say so.
-- score = round(Σ s × factor + adjustment, 4), half away from zero (numeric round), before ranking.
-- Reasons on graded rows only (details.md #123): no_power_data for an undefined weighted
-- tax_per_kwh, no_statistics for an undefined weighted indicator that needs the statistics row.
-- Every weighted indicator's value, points and rule are kept in runs.indicator_points.

CREATE TEMP TABLE run_points ON COMMIT DROP AS
SELECT g.uscc, b.cohort, b.indicator, b.weight, b.missing, v.x AS value,
       b.indicator = ANY (g.unknown_indicators) AS unknown,
       CASE
           WHEN v.x IS NULL THEN NULL
           WHEN b.method = 'minmax' THEN
               b.weight * CASE WHEN b.max = b.min THEN 1 ELSE b.floor + (1 - b.floor) * (v.x - b.min) / (b.max - b.min) END
           WHEN b.benchmark IS NULL OR b.benchmark <= 0 THEN 0
           WHEN b.cap IS NULL THEN b.weight * greatest(v.x / b.benchmark, 0)
           ELSE b.weight * least(greatest(v.x / b.benchmark, 0), b.cap)
       END AS points
FROM run_grades g
CROSS JOIN grading_run run
JOIN runs.grade_benchmarks b ON b.run_id = run.run_id AND b.cohort = g.cohort
CROSS JOIN LATERAL (SELECT CASE b.indicator
                               WHEN 'tax_per_mu' THEN g.tax_per_mu
                               WHEN 'sales_per_mu' THEN g.sales_per_mu
                               WHEN 'tax_per_kwh' THEN g.tax_per_kwh
                               WHEN 'value_added_per_mu' THEN g.value_added_per_mu
                               WHEN 'value_added_per_tce' THEN g.value_added_per_tce
                               WHEN 'value_added_per_emission' THEN g.value_added_per_emission
                               WHEN 'labour_productivity' THEN g.labour_productivity
                               WHEN 'rd_ratio' THEN g.rd_ratio
                               WHEN 'tech_investment_per_mu' THEN g.tech_investment_per_mu
                               WHEN 'tax_per_emission' THEN g.tax_per_emission
                           END AS x) AS v
WHERE g.computed_grade IS NULL;

-- The cohort_mean substitute: the mean of the defined enterprises' points, before any reweight.
-- Gathered first and passed to the UPDATE as a value: Citus may not read this session's tables
-- in an UPDATE of a reference table (docs/architecture.md, "Citus").
DO $$
DECLARE
    means jsonb;
BEGIN
    SELECT jsonb_agg(jsonb_build_object('cohort', m.cohort, 'indicator', m.indicator, 'mean_points', m.mean_points))
    INTO means
    FROM (SELECT p.cohort, p.indicator, avg(p.points) AS mean_points
          FROM run_points p WHERE p.value IS NOT NULL AND p.missing = 'cohort_mean'
          GROUP BY p.cohort, p.indicator) m;
    UPDATE runs.grade_benchmarks b
    SET mean_points = coalesce((SELECT m.mean_points
                                FROM jsonb_to_recordset(means) AS m (cohort text, indicator text, mean_points numeric)
                                WHERE m.cohort = b.cohort AND m.indicator = b.indicator), 0)
    WHERE b.run_id = current_setting('mujun.run_id')::bigint AND b.missing = 'cohort_mean';
END
$$;

-- The points as scored (kept), and from them the score.
WITH scored AS (
    INSERT INTO runs.indicator_points (run_id, uscc, indicator, weight, value, unknown, scored_by, points)
    SELECT run.run_id, p.uscc, p.indicator, p.weight, p.value, p.unknown,
           CASE WHEN p.value IS NOT NULL THEN 'value' ELSE p.missing END,
           CASE WHEN p.value IS NOT NULL THEN p.points
                WHEN p.missing = 'zero' THEN 0
                WHEN p.missing = 'cohort_mean' THEN b.mean_points
           END
    FROM run_points p
    CROSS JOIN grading_run run
    JOIN runs.grade_benchmarks b ON b.run_id = run.run_id AND b.cohort = p.cohort AND b.indicator = p.indicator
    ORDER BY p.uscc, p.indicator
    RETURNING uscc, indicator, weight, value, scored_by, points
), adjustments AS (
    SELECT a.uscc, sum(a.points) AS points
    FROM runs.grade_adjustments a
    JOIN grading_run run ON run.year = a.year
    WHERE a.revoked_at IS NULL
    GROUP BY a.uscc
), sums AS (
    SELECT p.uscc,
           sum(p.weight) AS total_weight,
           coalesce(sum(p.weight) FILTER (WHERE p.scored_by = 'reweight'), 0) AS left_out_weight,
           coalesce(sum(p.points), 0) AS points,
           bool_or(p.indicator = 'tax_per_kwh' AND p.value IS NULL) AS no_power_data,
           bool_or(c.needs_statistics AND p.value IS NULL) AS no_statistics
    FROM scored p
    JOIN core.indicator_catalogue() c ON c.indicator = p.indicator
    GROUP BY p.uscc
), scores AS (
    SELECT s.uscc, s.no_power_data, s.no_statistics,
           CASE WHEN s.total_weight = s.left_out_weight THEN 0
                ELSE s.points * s.total_weight / (s.total_weight - s.left_out_weight) END AS points,
           CASE WHEN a.points IS NULL THEN NULL
                ELSE least(greatest(a.points, -run.max_deduction), run.max_bonus) END AS adjustment
    FROM sums s
    CROSS JOIN grading_run run
    LEFT JOIN adjustments a ON a.uscc = s.uscc
)
UPDATE run_grades g
SET score = round(s.points + coalesce(s.adjustment, 0), 4),
    adjustment = s.adjustment,
    reason_list = g.reason_list
                  || CASE WHEN s.no_power_data THEN ARRAY['no_power_data'] ELSE '{}' END
                  || CASE WHEN s.no_statistics THEN ARRAY['no_statistics'] ELSE '{}' END
                  || CASE WHEN s.adjustment <> 0 THEN ARRAY['adjusted'] ELSE '{}' END
FROM scores s
WHERE g.uscc = s.uscc;

-- Entries recorded while the profile has adjustments off are kept, and not applied.
DO $$
DECLARE
    run grading_run;
    entries bigint;
BEGIN
    SELECT * INTO run FROM grading_run;
    SELECT count(*) INTO entries FROM runs.grade_adjustments a WHERE a.year = run.year AND a.revoked_at IS NULL;
    IF run.max_bonus = 0 AND run.max_deduction = 0 AND entries > 0 THEN
        UPDATE runs.evaluation_runs r
        SET notes = r.notes || ARRAY['adjustments of ' || run.year || ' not applied: the profile has grading.adjustments off ('
                                     || entries || ' entries)']
        WHERE r.run_id = run.run_id;
    END IF;
END
$$;

-- Fresh statistics for the classes, which rank the graded firms by cohort and score.
ANALYZE run_grades;
