-- mujun: citus
-- Reference tables: copied whole to every node, so any shard joins them locally. These are the
-- small tables: the policy profiles and region grants, and the audit trail of batches and runs
-- (one row per batch, run, notice, objection or operator entry — thousands, not millions), and
-- per-run summaries keyed by cohort (grade_benchmarks, grade_comparisons). Foreign keys among
-- them stay as they are; a distributed table may reference them, so the enterprise-keyed
-- results keep their foreign key to their run. Order: a referenced table before the tables
-- that reference it.
SELECT pg_temp.mujun_reference('runs.policy_profiles');
SELECT pg_temp.mujun_reference('runs.region_grants');
SELECT pg_temp.mujun_reference('runs.batches');
SELECT pg_temp.mujun_reference('runs.rejects');
SELECT pg_temp.mujun_reference('runs.account_mappings');
SELECT pg_temp.mujun_reference('runs.evaluation_runs');
SELECT pg_temp.mujun_reference('runs.flag_runs');
SELECT pg_temp.mujun_reference('runs.list_exports');
SELECT pg_temp.mujun_reference('runs.job_runs');
SELECT pg_temp.mujun_reference('runs.job_steps');
SELECT pg_temp.mujun_reference('runs.grade_reviews');
SELECT pg_temp.mujun_reference('runs.grade_vetoes');
SELECT pg_temp.mujun_reference('runs.grade_adjustments');
SELECT pg_temp.mujun_reference('runs.grade_exemptions');
SELECT pg_temp.mujun_reference('runs.grade_benchmarks');
SELECT pg_temp.mujun_reference('runs.grade_comparisons');
SELECT pg_temp.mujun_reference('runs.notices');
SELECT pg_temp.mujun_reference('runs.objections');
