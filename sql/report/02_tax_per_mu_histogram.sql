-- Report: histogram of tax per mu (亩均税收) in 万元/亩 by final grade for run $1 (spec
-- details.md #82), graded enterprises only (A–D). Twenty bins from 0 to the 98th percentile,
-- rounded up to a whole 万元; negative values fall in the first bin, values above in the last.
-- Each row: bin number (1–20), its lower and upper bound, the grade, and the count.
WITH graded AS (
    SELECT tax_per_mu / 10000 AS wan, grade
    FROM runs.enterprise_grades
    WHERE run_id = $1 AND grade IN ('A', 'B', 'C', 'D') AND tax_per_mu IS NOT NULL
), bounds AS (
    SELECT greatest(ceil(percentile_cont(0.98) WITHIN GROUP (ORDER BY wan))::numeric, 1) AS hi FROM graded
)
SELECT least(greatest(width_bucket(g.wan, 0, b.hi, 20), 1), 20) AS bin,
       b.hi / 20 * (least(greatest(width_bucket(g.wan, 0, b.hi, 20), 1), 20) - 1) AS lower_wan,
       b.hi / 20 * least(greatest(width_bucket(g.wan, 0, b.hi, 20), 1), 20) AS upper_wan,
       g.grade,
       count(*) AS enterprises
FROM graded g CROSS JOIN bounds b
GROUP BY 1, 2, 3, 4
ORDER BY 1, 4
