-- Grading step 3: cohorts (spec indicators.md §6; details.md #84).
--
-- Cohorts (indicators.md §6): the parts of grading.cohort_by, in the order scale (above/below),
--   region (the registry's region code), industry (the grading.industry_groups entry whose
--   division list holds the first two digits of the industry code, else `other`), joined by |.
--   Every row got the cohort its registry data gives it in 01_inputs.sql, N and T rows included
--   (details.md #84).
--   A graded cohort (the rows not N, not T, not exempted) with fewer than
--   grading.min_cohort_size firms is pooled with every other such cohort of its scale into the
--   cohort named by the scale alone; N and T rows never take a pooled name.

-- Small graded cohorts pool into their scale's cohort.
WITH sizes AS (
    SELECT g.cohort, count(*) AS firms
    FROM run_grades g
    WHERE g.computed_grade IS NULL
    GROUP BY g.cohort
)
UPDATE run_grades g
SET cohort = CASE WHEN g.above_scale THEN 'above' ELSE 'below' END
FROM sizes s
CROSS JOIN grading_run run
WHERE g.cohort = s.cohort
  AND g.computed_grade IS NULL
  AND s.firms < run.min_cohort_size
  AND position('|' IN g.cohort) > 0;

-- Fresh statistics for the benchmarks, which group the graded firms by cohort.
ANALYZE run_grades;
