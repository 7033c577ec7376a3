-- Grading step 1: the run's parameters, and the inputs per enterprise and year Y (spec
-- evaluation.md §1, details.md #37, #38, #59).
-- Run inside the evaluation run's transaction after `SET LOCAL mujun.run_id`; the run (its year
-- and policy) is `runs.evaluation_context`. Every later file of sql/grading/ works on the two
-- temporary tables made here, and 07_store.sql writes the result to runs.enterprise_grades: a
-- run's grades are written once, whole, instead of being rewritten by every step.
--
-- Who: every enterprise of the current registry whose industry section is in the policy's
--   `grading.sections` gets a row (details.md #37: the current registry version serves every year).
-- What: L (land_m2), T (tax_yuan, less the policy's grading_tax_excludes), R (sales_yuan),
--   E (kwh), first_production and completion_passed of year Y are core.enterprise_year_inputs
--   (sql/definitions/core/enterprise_year_inputs.sql), the definition mart.enterprise_year
--   reads too, where each is stated with its source.

-- The run and the policy's grading values, read once: every step joins this one-row table
-- instead of reading the policy document for each enterprise.
CREATE TEMP TABLE grading_run ON COMMIT DROP AS
SELECT c.run_id, c.year, c.year_start, c.year_end, c.policy,
       ARRAY(SELECT jsonb_array_elements_text(c.policy #> '{grading,sections}')) AS sections,
       runs.policy_number(c.policy, 'grading', 'min_land_mu_below_scale') AS min_land_mu_below_scale,
       (c.policy #>> '{grading,new_production_years}')::int AS new_production_years,
       (c.policy #>> '{grading,cohort_by_region}')::boolean AS cohort_by_region,
       runs.policy_number(c.policy, 'grading', 'min_cohort_size') AS min_cohort_size,
       runs.policy_number(c.policy, 'grading', 'benchmark_factor') AS benchmark_factor,
       runs.policy_number(c.policy, 'grading', 'ratio_cap') AS ratio_cap,
       runs.policy_number(c.policy, 'grading', 'class_cuts', 'A') AS cut_a,
       runs.policy_number(c.policy, 'grading', 'class_cuts', 'B') AS cut_b,
       runs.policy_number(c.policy, 'grading', 'class_cuts', 'C') AS cut_c,
       (c.policy #>> '{grading,idle_land_veto}')::boolean AS idle_land_veto
FROM runs.evaluation_context c;

-- The run's grades while they are computed: the same columns as runs.enterprise_grades.
CREATE TEMP TABLE run_grades (LIKE runs.enterprise_grades INCLUDING DEFAULTS INCLUDING CONSTRAINTS) ON COMMIT DROP;

INSERT INTO run_grades (run_id, uscc, name, region_code, above_scale, status, industry_code,
                        land_m2, tax_yuan, sales_yuan, kwh, first_production, completion_passed)
SELECT run.run_id, i.uscc, i.name, i.region_code, i.above_scale, i.status, i.industry_code,
       i.land_m2, i.tax_yuan, i.sales_yuan, i.kwh, i.first_production, i.completion_passed
FROM grading_run run
CROSS JOIN LATERAL core.enterprise_year_inputs(run.year, run.policy) AS i
WHERE left(i.industry_code, 1) = ANY (run.sections);

ANALYZE grading_run;
ANALYZE run_grades;
