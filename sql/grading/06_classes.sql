-- Grading step 6: ranks and classes (spec evaluation.md §4; Huai'an 2024: A 20 %, B 40 %,
-- C 35 %, D 5 %).
-- Rank within the cohort by score, highest first; equal scores share the best rank
-- (competition ranking 1, 2, 2, 4), so firms tied at a class boundary both take the better
-- class. With N graded firms in the cohort and rank r, p = r / N:
--   A if p ≤ class_cuts.A, B if p ≤ class_cuts.B, C if p ≤ class_cuts.C, else D.
-- Compared exactly as r ≤ cut × N. Example: N = 10 → 2 A, 4 B, 3 C, 1 D.

WITH ranked AS (
    SELECT g.uscc,
           rank() OVER (PARTITION BY g.cohort ORDER BY g.score DESC) AS rank,
           count(*) OVER (PARTITION BY g.cohort) AS cohort_size
    FROM run_grades g
    WHERE g.score IS NOT NULL   -- the graded set: N, T and exempted rows have no score
), classed AS (
    SELECT r.uscc, r.rank, r.cohort_size,
           CASE
               WHEN r.rank <= run.cut_a * r.cohort_size THEN 'A'
               WHEN r.rank <= run.cut_b * r.cohort_size THEN 'B'
               WHEN r.rank <= run.cut_c * r.cohort_size THEN 'C'
               ELSE 'D'
           END AS grade
    FROM ranked r
    CROSS JOIN grading_run run
)
UPDATE run_grades g
SET rank = c.rank, cohort_size = c.cohort_size, computed_grade = c.grade, grade = c.grade
FROM classed c
WHERE g.uscc = c.uscc;

-- Fresh statistics for the overrides, which pick firms by grade.
ANALYZE run_grades;
