-- Grading step 0: the run's parameters (spec evaluation.md, indicators.md), read once from its
-- profile. Run inside the evaluation run's transaction after `SET LOCAL mujun.run_id`; the run
-- (its year and policy) is `runs.evaluation_context`. `mujun publish` runs this file too before
-- it re-applies the override steps 07–09 (procedure.md §1; details.md #116).
-- Edition-2 keys an edition-1 profile leaves out take policy-default-ed2.yaml's value
-- (details.md #126): cohort_by [scale] (or [scale, region] for cohort_by_region: true), no
-- industry groups, hold_d_on_missing_data true, adjustments off.
--
-- published_before: consecutive_d_years counts the years published before this day
-- (details.md #116): `mujun.published_before`, the publication date when publishing, else the
-- day after `mujun.today` (the deployment's today, details.md #71): the publications in force
-- when the run is made.

-- The run and the policy's grading values, read once: every step joins this one-row table
-- instead of reading the policy document for each enterprise.
CREATE TEMP TABLE grading_run ON COMMIT DROP AS
SELECT c.run_id, c.year, c.year_start, c.year_end, c.policy,
       ARRAY(SELECT jsonb_array_elements_text(c.policy #> '{grading,sections}')) AS sections,
       runs.policy_number(c.policy, 'grading', 'min_land_mu_below_scale') AS min_land_mu_below_scale,
       (c.policy #>> '{grading,new_production_years}')::int AS new_production_years,
       coalesce(c.policy #> '{grading,cohort_by}' ? 'region', (c.policy #>> '{grading,cohort_by_region}')::boolean, false)
           AS cohort_by_region,
       coalesce(c.policy #> '{grading,cohort_by}' ? 'industry', false) AS cohort_by_industry,
       coalesce(c.policy #> '{grading,industry_groups}', '{}') AS industry_groups,
       runs.policy_number(c.policy, 'grading', 'min_cohort_size') AS min_cohort_size,
       runs.policy_number(c.policy, 'grading', 'benchmark_factor') AS benchmark_factor,
       runs.policy_number(c.policy, 'grading', 'ratio_cap') AS ratio_cap,
       runs.policy_number(c.policy, 'grading', 'class_cuts', 'A') AS cut_a,
       runs.policy_number(c.policy, 'grading', 'class_cuts', 'B') AS cut_b,
       runs.policy_number(c.policy, 'grading', 'class_cuts', 'C') AS cut_c,
       (c.policy #>> '{grading,idle_land_veto}')::boolean AS idle_land_veto,
       coalesce((c.policy #>> '{land,require_determination}')::boolean, true) AS require_determination,
       coalesce((c.policy #>> '{grading,hold_d_on_missing_data}')::boolean, true) AS hold_d_on_missing_data,
       coalesce(runs.policy_number(c.policy, 'grading', 'adjustments', 'max_bonus'), 0) AS max_bonus,
       coalesce(runs.policy_number(c.policy, 'grading', 'adjustments', 'max_deduction'), 0) AS max_deduction,
       ARRAY(SELECT i.key FROM jsonb_each(c.policy #> '{grading,indicators,above}') AS i
             WHERE (i.value ->> 'weight')::numeric > 0) AS weighted_above,
       ARRAY(SELECT i.key FROM jsonb_each(c.policy #> '{grading,indicators,below}') AS i
             WHERE (i.value ->> 'weight')::numeric > 0) AS weighted_below,
       coalesce(nullif(current_setting('mujun.published_before', true), '')::date,
                nullif(current_setting('mujun.today', true), '')::date + 1, current_date + 1) AS published_before
FROM runs.evaluation_context c;

