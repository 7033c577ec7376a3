-- Report: grade distribution by township for the evaluation run $1 (the year's published run).
-- One row per region and final grade (A, B, C, D, T, N) with the number of enterprises.
SELECT g.region_code,
       coalesce(max(e.region_name), g.region_code) AS region_name,
       g.grade,
       count(*) AS enterprises
FROM runs.enterprise_grades g
LEFT JOIN core.registry_current e ON e.uscc = g.uscc
WHERE g.run_id = $1
GROUP BY g.region_code, g.grade
ORDER BY g.region_code COLLATE "C", g.grade COLLATE "C"
