-- Grading step 3: indicators, cohorts, benchmarks and scores (spec evaluation.md §3,
-- details.md #39–41; Huai'an 2024 method: 基准值 = 2 × 平均值, weights 45/35/20 above scale).
--
-- tax_per_mu   亩均税收      T / L   (L in mu = m² × 15 / 10000, exact)
-- sales_per_mu 亩均销售收入  R / L
-- tax_per_kwh  单位电耗税收  T / E   undefined when E is unknown or 0
-- Cohorts: `above` and `below` (scale), scored and ranked separately; with
--   grading.cohort_by_region a region's firms form `above|REGION` when there are at least
--   grading.min_cohort_size of them, and the firms of smaller regions form the county cohort.
-- Benchmark b_k per cohort and indicator: the policy's fixed value, else benchmark_factor ×
--   the mean of the defined values over the cohort's graded firms (negative values included);
--   no defined value counts as a non-positive benchmark (details.md #40).
-- Score = Σ w_k × clamp(x_k / b_k, 0, ratio_cap); an undefined indicator scores 0 and, for
--   tax_per_kwh with a weight, adds reason no_power_data; a non-positive benchmark scores 0 for
--   everyone in the cohort. Rounded to 4 decimals, half away from zero (details.md #41).

UPDATE run_grades g
SET tax_per_mu = CASE WHEN g.land_m2 > 0 THEN g.tax_yuan / (g.land_m2 * 15 / 10000) END,
    sales_per_mu = CASE WHEN g.land_m2 > 0 THEN g.sales_yuan / (g.land_m2 * 15 / 10000) END,
    tax_per_kwh = CASE WHEN g.kwh > 0 THEN g.tax_yuan / g.kwh END;

WITH graded AS (
    SELECT g.uscc, CASE WHEN g.above_scale THEN 'above' ELSE 'below' END AS scale, g.region_code
    FROM run_grades g
    WHERE g.computed_grade IS NULL
), region_sizes AS (
    SELECT scale, region_code, count(*) AS firms FROM graded GROUP BY scale, region_code
)
UPDATE run_grades g
SET cohort = CASE
        WHEN run.cohort_by_region AND s.firms >= run.min_cohort_size THEN x.scale || '|' || x.region_code
        ELSE x.scale
    END
FROM graded x
JOIN region_sizes s ON s.scale = x.scale AND s.region_code = x.region_code
CROSS JOIN grading_run run
WHERE g.uscc = x.uscc;

WITH cohorts AS (
    SELECT DISTINCT g.cohort, split_part(g.cohort, '|', 1) AS scale
    FROM run_grades g
    WHERE g.cohort IS NOT NULL
), indicators AS (
    SELECT c.cohort, i.key AS indicator,
           (i.value ->> 'weight')::numeric AS weight,
           (i.value ->> 'benchmark')::numeric AS fixed_benchmark
    FROM cohorts c
    CROSS JOIN grading_run run
    CROSS JOIN LATERAL jsonb_each(run.policy #> ARRAY['grading', 'indicators', c.scale]) AS i
), values AS (
    SELECT g.cohort, v.indicator, v.x
    FROM run_grades g
    CROSS JOIN LATERAL (VALUES ('tax_per_mu', g.tax_per_mu), ('sales_per_mu', g.sales_per_mu),
                               ('tax_per_kwh', g.tax_per_kwh)) AS v (indicator, x)
    WHERE g.cohort IS NOT NULL
), stats AS (
    SELECT cohort, indicator, count(x) AS n_defined, avg(x) AS mean
    FROM values GROUP BY cohort, indicator
)
INSERT INTO runs.grade_benchmarks (run_id, cohort, indicator, weight, n_defined, mean, benchmark, fixed)
SELECT run.run_id, i.cohort, i.indicator, i.weight, coalesce(s.n_defined, 0), s.mean,
       coalesce(i.fixed_benchmark, run.benchmark_factor * s.mean),
       i.fixed_benchmark IS NOT NULL
FROM indicators i
CROSS JOIN grading_run run
LEFT JOIN stats s ON s.cohort = i.cohort AND s.indicator = i.indicator;

WITH points AS (
    SELECT g.uscc,
           b.weight * CASE
               WHEN b.benchmark IS NULL OR b.benchmark <= 0 OR v.x IS NULL THEN 0
               ELSE least(greatest(v.x / b.benchmark, 0), run.ratio_cap)
           END AS points,
           (b.indicator = 'tax_per_kwh' AND b.weight > 0 AND v.x IS NULL) AS no_power_data
    FROM run_grades g
    CROSS JOIN grading_run run
    JOIN runs.grade_benchmarks b ON b.run_id = run.run_id AND b.cohort = g.cohort
    CROSS JOIN LATERAL (SELECT CASE b.indicator WHEN 'tax_per_mu' THEN g.tax_per_mu
                                                WHEN 'sales_per_mu' THEN g.sales_per_mu
                                                ELSE g.tax_per_kwh END AS x) AS v
), scores AS (
    SELECT uscc, round(sum(points), 4) AS score, bool_or(no_power_data) AS no_power_data
    FROM points GROUP BY uscc
)
UPDATE run_grades g
SET score = s.score,
    reason_list = CASE WHEN s.no_power_data THEN g.reason_list || 'no_power_data'::text ELSE g.reason_list END
FROM scores s
WHERE g.uscc = s.uscc;

-- Fresh statistics for the next steps, which pick firms by cohort and score.
ANALYZE run_grades;
