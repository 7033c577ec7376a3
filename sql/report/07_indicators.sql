-- Report: the indicators run $1 weights in any cohort, in catalogue order, with their Chinese
-- names and units (core.indicator_catalogue): one histogram section each.
SELECT c.indicator, c.name_zh, c.unit
FROM core.indicator_catalogue() c
WHERE EXISTS (SELECT 1 FROM runs.grade_benchmarks b WHERE b.run_id = $1 AND b.indicator = c.indicator)
ORDER BY c.catalogue_order
