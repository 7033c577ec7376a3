-- Report: the benchmark of indicator $2 for each cohort of run $1, in the report's unit ($3 as
-- in 02_indicator_histogram.sql), to mark on its histogram; a min–max indicator has none.
SELECT cohort, benchmark / $3::numeric AS benchmark, mean / $3::numeric AS mean
FROM runs.grade_benchmarks
WHERE run_id = $1 AND indicator = $2::text AND benchmark IS NOT NULL
ORDER BY cohort COLLATE "C"
