-- The evaluation run being computed: the grading SQL runs inside the run's transaction after
-- `SET LOCAL mujun.run_id`, and reads its year and policy profile from here, so every step
-- states its rule instead of repeating how to find its run.
CREATE OR REPLACE VIEW runs.evaluation_context AS
SELECT r.run_id, r.year, make_date(r.year, 1, 1) AS year_start, make_date(r.year, 12, 31) AS year_end,
       p.content AS policy
FROM runs.evaluation_runs r
JOIN runs.policy_profiles p ON p.sha256 = r.policy_sha256
WHERE r.run_id = current_setting('mujun.run_id')::bigint;
COMMENT ON VIEW runs.evaluation_context IS
    '正在计算的评价运行（mujun.run_id）：年度、起止日、政策参数 / the evaluation run being computed (mujun.run_id): year, bounds, policy';
