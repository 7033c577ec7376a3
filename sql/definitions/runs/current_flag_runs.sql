-- The current flag run of each as-of date: of the finished runs of that date, the latest made
-- (spec land.md "What a flag run stores": several runs may share a date; the one with the
-- highest run_id is current). The mart's land views and the flag run's resolution read it.
CREATE OR REPLACE VIEW runs.current_flag_runs AS
SELECT DISTINCT ON (as_of) run_id, as_of, policy_sha256
FROM runs.flag_runs
WHERE finished_at IS NOT NULL
ORDER BY as_of, run_id DESC;
COMMENT ON VIEW runs.current_flag_runs IS '每个认定基准日的现行认定运行（该日期最新完成的一次）/ the current flag run of each as-of date: the latest finished one';
