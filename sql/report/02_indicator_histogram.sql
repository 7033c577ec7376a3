-- Report: histogram of one indicator of run $1 by final grade (spec details.md #82; issue 14:
-- a section per indicator the profile weights), graded enterprises only (A–D). $2 is the
-- indicator, $3 the divisor to the report's unit (10000 for 万元, 0.01 for %). Twenty bins from
-- 0 to the 98th percentile, rounded up to a whole unit (at least 1); negative values fall in the
-- first bin, values above in the last. Each row: bin number (1–20), its lower and upper bound,
-- the grade, and the count.
WITH graded AS (
    SELECT CASE $2::text
               WHEN 'tax_per_mu' THEN tax_per_mu
               WHEN 'sales_per_mu' THEN sales_per_mu
               WHEN 'tax_per_kwh' THEN tax_per_kwh
               WHEN 'value_added_per_mu' THEN value_added_per_mu
               WHEN 'value_added_per_tce' THEN value_added_per_tce
               WHEN 'value_added_per_emission' THEN value_added_per_emission
               WHEN 'labour_productivity' THEN labour_productivity
               WHEN 'rd_ratio' THEN rd_ratio
               WHEN 'tech_investment_per_mu' THEN tech_investment_per_mu
               WHEN 'tax_per_emission' THEN tax_per_emission
           END / $3::numeric AS v,
           grade
    FROM runs.enterprise_grades
    WHERE run_id = $1 AND grade IN ('A', 'B', 'C', 'D')
), defined AS (
    SELECT * FROM graded WHERE v IS NOT NULL
), bounds AS (
    SELECT greatest(ceil(percentile_cont(0.98) WITHIN GROUP (ORDER BY v))::numeric, 1) AS hi FROM defined
)
SELECT least(greatest(width_bucket(g.v, 0, b.hi, 20), 1), 20) AS bin,
       b.hi / 20 * (least(greatest(width_bucket(g.v, 0, b.hi, 20), 1), 20) - 1) AS lower_bound,
       b.hi / 20 * least(greatest(width_bucket(g.v, 0, b.hi, 20), 1), 20) AS upper_bound,
       g.grade,
       count(*) AS enterprises
FROM defined g CROSS JOIN bounds b
GROUP BY 1, 2, 3, 4
ORDER BY 1, 4
