-- Grading step 4: ranks and classes (spec evaluation.md §4; Huai'an 2024: A 20 %, B 40 %,
-- C 35 %, D 5 %).
-- Rank within the cohort by score, highest first; equal scores share the best rank
-- (competition ranking 1, 2, 2, 4), so firms tied at a class boundary both take the better
-- class. With N graded firms in the cohort and rank r, p = r / N:
--   A if p ≤ class_cuts.A, B if p ≤ class_cuts.B, C if p ≤ class_cuts.C, else D.
-- Compared exactly as r ≤ cut × N. Example: N = 10 → 2 A, 4 B, 3 C, 1 D.

WITH run AS (SELECT * FROM runs.evaluation_context), ranked AS (
    SELECT g.uscc,
           rank() OVER (PARTITION BY g.cohort ORDER BY g.score DESC) AS rank,
           count(*) OVER (PARTITION BY g.cohort) AS cohort_size
    FROM runs.enterprise_grades g, run
    WHERE g.run_id = run.run_id AND g.cohort IS NOT NULL
), classed AS (
    SELECT r.uscc, r.rank, r.cohort_size,
           CASE
               WHEN r.rank <= runs.policy_number(run.policy, 'grading', 'class_cuts', 'A') * r.cohort_size THEN 'A'
               WHEN r.rank <= runs.policy_number(run.policy, 'grading', 'class_cuts', 'B') * r.cohort_size THEN 'B'
               WHEN r.rank <= runs.policy_number(run.policy, 'grading', 'class_cuts', 'C') * r.cohort_size THEN 'C'
               ELSE 'D'
           END AS grade
    FROM ranked r, run
)
UPDATE runs.enterprise_grades g
SET rank = c.rank, cohort_size = c.cohort_size, computed_grade = c.grade, grade = c.grade
FROM classed c
WHERE g.run_id = (SELECT run_id FROM runs.evaluation_context) AND g.uscc = c.uscc;
