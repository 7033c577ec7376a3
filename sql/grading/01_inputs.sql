-- Grading step 1: the run's parameters, and the inputs per enterprise and year Y (spec
-- evaluation.md §1, details.md #37, #38, #59).
-- Run inside the evaluation run's transaction after 00_run.sql (grading_run, the run's
-- parameters). Every later file of sql/grading/ works on grading_run and the run_grades made
-- here, and 10_store.sql writes the result to runs.enterprise_grades: a run's grades are written
-- once, whole, instead of being rewritten by every step.
--
-- Who: every enterprise of the current registry whose industry section is in the policy's
--   `grading.sections` gets a row (details.md #37: the current registry version serves every year).
-- What: L (land_m2), T (tax_yuan, less the policy's grading_tax_excludes), R (sales_yuan),
--   E (kwh), first_production and completion_passed of year Y, and Y's statistics row (VA, REV,
--   RD, EMP, TCE, EM, TI; NULL when unknown: indicators.md §1) are core.enterprise_year_inputs
--   (sql/definitions/core/enterprise_year_inputs.sql), the definition mart.enterprise_year
--   reads too, where each is stated with its source.
-- Indicators: the catalogue's ten values (indicators.md §2) by core.indicator_values
--   (sql/definitions/core/indicator_values.sql, which mart.enterprise_year reads too), kept only
--   where the row's scale weights them (details.md #105: NULL otherwise, N and T rows included).
-- Cohort: the one the registry data gives (indicators.md §6; details.md #84), see 03_cohorts.sql.

-- The run's grades while they are computed: the same columns as runs.enterprise_grades.
CREATE TEMP TABLE run_grades (LIKE runs.enterprise_grades INCLUDING DEFAULTS INCLUDING CONSTRAINTS) ON COMMIT DROP;

INSERT INTO run_grades (run_id, uscc, name, region_code, above_scale, status, industry_code,
                        land_m2, tax_yuan, sales_yuan, kwh, first_production, completion_passed,
                        has_statistics, value_added_yuan, revenue_yuan, output_value_yuan, rd_expense_yuan,
                        employees_avg, energy_tce, emissions_t, tech_investment_yuan,
                        tax_per_mu, sales_per_mu, tax_per_kwh, value_added_per_mu, value_added_per_tce,
                        value_added_per_emission, labour_productivity, rd_ratio, tech_investment_per_mu,
                        tax_per_emission, unknown_indicators, cohort)
SELECT run.run_id, i.uscc, i.name, i.region_code, i.above_scale, i.status, i.industry_code,
       i.land_m2, i.tax_yuan, i.sales_yuan, i.kwh, i.first_production, i.completion_passed,
       i.has_statistics, i.value_added, i.revenue, i.output_value, i.rd_expense,
       i.employees_avg, i.energy_tce, i.emissions_t, i.tech_investment,
       -- An indicator the row's scale does not weight is not the run's (details.md #105).
       CASE WHEN 'tax_per_mu' = ANY (w.weighted) THEN v.tax_per_mu END,
       CASE WHEN 'sales_per_mu' = ANY (w.weighted) THEN v.sales_per_mu END,
       CASE WHEN 'tax_per_kwh' = ANY (w.weighted) THEN v.tax_per_kwh END,
       CASE WHEN 'value_added_per_mu' = ANY (w.weighted) THEN v.value_added_per_mu END,
       CASE WHEN 'value_added_per_tce' = ANY (w.weighted) THEN v.value_added_per_tce END,
       CASE WHEN 'value_added_per_emission' = ANY (w.weighted) THEN v.value_added_per_emission END,
       CASE WHEN 'labour_productivity' = ANY (w.weighted) THEN v.labour_productivity END,
       CASE WHEN 'rd_ratio' = ANY (w.weighted) THEN v.rd_ratio END,
       CASE WHEN 'tech_investment_per_mu' = ANY (w.weighted) THEN v.tech_investment_per_mu END,
       CASE WHEN 'tax_per_emission' = ANY (w.weighted) THEN v.tax_per_emission END,
       v.unknown,
       -- The cohort the registry data gives (indicators.md §6; 03_cohorts.sql pools small ones).
       CASE WHEN i.above_scale THEN 'above' ELSE 'below' END
       || CASE WHEN run.cohort_by_region THEN '|' || i.region_code ELSE '' END
       || CASE WHEN run.cohort_by_industry
               THEN '|' || coalesce((SELECT grp.key
                                     FROM jsonb_each(run.industry_groups) AS grp
                                     WHERE grp.value ? substring(i.industry_code FROM 2 FOR 2)), 'other')
               ELSE '' END
FROM grading_run run
CROSS JOIN LATERAL core.enterprise_year_inputs(run.year, run.policy) AS i
CROSS JOIN LATERAL core.indicator_values(i.land_m2, i.tax_yuan, i.sales_yuan, i.kwh, i.value_added, i.revenue,
                                         i.rd_expense, i.employees_avg, i.energy_tce, i.emissions_t,
                                         i.tech_investment) AS v
CROSS JOIN LATERAL (SELECT CASE WHEN i.above_scale THEN run.weighted_above ELSE run.weighted_below END) AS w (weighted)
WHERE left(i.industry_code, 1) = ANY (run.sections);

ANALYZE grading_run;
ANALYZE run_grades;
