-- Report: the tax-per-mu benchmark of each cohort of run $1, in 万元/亩, to mark on the histogram.
SELECT cohort, benchmark / 10000 AS benchmark_wan, mean / 10000 AS mean_wan
FROM runs.grade_benchmarks
WHERE run_id = $1 AND indicator = 'tax_per_mu'
ORDER BY cohort COLLATE "C"
