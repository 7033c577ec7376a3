-- Grading step 9: consecutive_d_years (spec evaluation.md §5, details.md #63): the number of
-- consecutive years ending with Y whose final grade was D — this run's grade for Y, and the
-- *published* runs' grades for the years before: the publication of each year in force on the
-- day before grading_run.published_before (when the run is made, or the day before it is
-- published: details.md #114, #116). A year without a publication breaks the chain (#110).
-- 1 when only Y is D; 0 when Y is not D. It sets the electricity surcharge step (Suqian 2022).
-- Then the reasons are written as one sorted, `;`-separated string (details.md #43).

WITH published_d AS (
    SELECT p.uscc, pr.year
    FROM runs.enterprise_grades p
    CROSS JOIN grading_run run
    JOIN runs.evaluation_runs pr ON pr.run_id = p.run_id
                                AND pr.published_on < run.published_before
                                AND (pr.replaced_on IS NULL OR pr.replaced_on >= run.published_before)
    WHERE p.grade = 'D' AND pr.year < run.year
), streaks AS (
    SELECT g.uscc,
           (SELECT min(k) FROM generate_series(1, run.year - 1899) AS k
            WHERE NOT EXISTS (SELECT 1 FROM published_d d WHERE d.uscc = g.uscc AND d.year = run.year - k)) AS years
    FROM run_grades g
    CROSS JOIN grading_run run
    WHERE g.grade = 'D'
)
UPDATE run_grades g
SET consecutive_d_years = s.years
FROM streaks s
WHERE g.uscc = s.uscc;

UPDATE run_grades g
SET reasons = coalesce((SELECT string_agg(DISTINCT r COLLATE "C", ';' ORDER BY r COLLATE "C")
                        FROM unnest(g.reason_list) AS r), '');
