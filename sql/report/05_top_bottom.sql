-- Report: the top 20 and bottom 20 graded enterprises of run $1 by score, with their indicators
-- (亩均税收 and 亩均销售 in 万元/亩, 单位电耗税收 in 元/千瓦时).
WITH graded AS (
    SELECT g.uscc, g.name, g.region_code, g.cohort, g.score, g.rank, g.cohort_size, g.grade, g.reasons,
           g.land_m2 * 15 / 10000 AS land_mu, g.tax_per_mu / 10000 AS tax_per_mu_wan,
           g.sales_per_mu / 10000 AS sales_per_mu_wan, g.tax_per_kwh,
           row_number() OVER (ORDER BY g.score DESC, g.uscc COLLATE "C") AS top,
           row_number() OVER (ORDER BY g.score ASC, g.uscc COLLATE "C") AS bottom
    FROM runs.enterprise_grades g
    WHERE g.run_id = $1 AND g.score IS NOT NULL
)
SELECT CASE WHEN top <= 20 THEN 'top' ELSE 'bottom' END AS part, *
FROM graded WHERE top <= 20 OR bottom <= 20
ORDER BY part DESC, score DESC, uscc COLLATE "C"
