-- Grading step 1: the run's parameters, and the inputs per enterprise and year Y (spec
-- evaluation.md §1, details.md #37, #38, #59).
-- Run inside the evaluation run's transaction after `SET LOCAL mujun.run_id`; the run (its year
-- and policy) is `runs.evaluation_context`. Every later file of sql/grading/ works on the two
-- temporary tables made here, and 07_store.sql writes the result to runs.enterprise_grades: a
-- run's grades are written once, whole, instead of being rewritten by every step.
--
-- Who: every enterprise of the current registry whose industry section is in the policy's
--   `grading.sections` gets a row (details.md #37: the current registry version serves every year).
-- L  land_m2: area of its parcels (as holder) whose land_use is an industrial use of the policy
--    (exactly, or with 用地 appended: details.md #35) and supplied_on ≤ Y-12-31.
-- T  tax_yuan: the 12 months of Y of vat + corporate_income_tax + individual_income_tax +
--    other_taxes + urban_land_use_tax + property_tax, less the policy's `grading_tax_excludes`;
--    refunds (negative amounts) count; an empty amount is 0.
-- R  sales_yuan: sales_revenue over the 12 months of Y.
-- E  kwh: kWh over the 12 months of Y of every power account linked to the enterprise; unknown
--    (NULL) when no account is linked, or when a linked account has no power row at all
--    (details.md #59); a known month without a row counts 0 (details.md #26).
-- first_production: earliest production_start_on ≤ Y-12-31 of the parcels counted in L.
-- completion_passed: a parcel counted in L has agreed_completion_on < Y-12-31 (details.md #38).

-- The run and the policy's grading values, read once: every step joins this one-row table
-- instead of reading the policy document for each enterprise.
CREATE TEMP TABLE grading_run ON COMMIT DROP AS
SELECT c.run_id, c.year, c.year_start, c.year_end, c.policy,
       ARRAY(SELECT jsonb_array_elements_text(c.policy #> '{grading,sections}')) AS sections,
       ARRAY(SELECT u FROM jsonb_array_elements_text(c.policy #> '{grading,industrial_land_uses}') AS u
             UNION
             SELECT u || '用地' FROM jsonb_array_elements_text(c.policy #> '{grading,industrial_land_uses}') AS u)
           AS land_uses,
       -- Which tax columns T counts (grading.grading_tax_excludes leaves some out).
       NOT (c.policy #> '{grading,grading_tax_excludes}') ? 'vat' AS counts_vat,
       NOT (c.policy #> '{grading,grading_tax_excludes}') ? 'corporate_income_tax' AS counts_corporate_income_tax,
       NOT (c.policy #> '{grading,grading_tax_excludes}') ? 'individual_income_tax' AS counts_individual_income_tax,
       NOT (c.policy #> '{grading,grading_tax_excludes}') ? 'other_taxes' AS counts_other_taxes,
       NOT (c.policy #> '{grading,grading_tax_excludes}') ? 'urban_land_use_tax' AS counts_urban_land_use_tax,
       NOT (c.policy #> '{grading,grading_tax_excludes}') ? 'property_tax' AS counts_property_tax,
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

WITH land AS (
    SELECT p.holder_uscc AS uscc,
           sum(p.area_m2) AS land_m2,
           min(p.production_start_on) FILTER (WHERE p.production_start_on <= run.year_end) AS first_production,
           coalesce(bool_or(p.agreed_completion_on < run.year_end), false) AS completion_passed
    FROM core.parcels_current p
    CROSS JOIN grading_run run
    WHERE p.supplied_on <= run.year_end
      AND p.land_use = ANY (run.land_uses)
    GROUP BY p.holder_uscc
), tax AS (
    SELECT t.uscc,
           sum(  CASE WHEN run.counts_vat THEN coalesce(t.vat, 0) ELSE 0 END
               + CASE WHEN run.counts_corporate_income_tax THEN coalesce(t.corporate_income_tax, 0) ELSE 0 END
               + CASE WHEN run.counts_individual_income_tax THEN coalesce(t.individual_income_tax, 0) ELSE 0 END
               + CASE WHEN run.counts_other_taxes THEN coalesce(t.other_taxes, 0) ELSE 0 END
               + CASE WHEN run.counts_urban_land_use_tax THEN coalesce(t.urban_land_use_tax, 0) ELSE 0 END
               + CASE WHEN run.counts_property_tax THEN coalesce(t.property_tax, 0) ELSE 0 END) AS tax_yuan,
           sum(coalesce(t.sales_revenue, 0)) AS sales_yuan
    FROM core.tax_current t
    CROSS JOIN grading_run run
    -- The year's bounds as scalar subqueries, so that PostgreSQL drops the other years' rows
    -- before it sorts the rest for core.tax_current.
    WHERE t.period >= (SELECT year_start FROM grading_run)
      AND t.period <= (SELECT year_end FROM grading_run)
    GROUP BY t.uscc
), account_year AS (
    SELECT pc.account_no, sum(pc.kwh) AS kwh
    FROM core.power_current pc
    WHERE pc.period >= (SELECT year_start FROM grading_run)
      AND pc.period <= (SELECT year_end FROM grading_run)
    GROUP BY pc.account_no
), power AS (
    -- latest_period is empty exactly when the linked account has no power row at all.
    SELECT l.uscc,
           CASE WHEN bool_and(l.latest_period IS NOT NULL) THEN coalesce(sum(y.kwh), 0) END AS kwh
    FROM core.power_account_links l
    LEFT JOIN account_year y ON y.account_no = l.account_no
    WHERE l.uscc IS NOT NULL
    GROUP BY l.uscc
)
INSERT INTO run_grades (run_id, uscc, name, region_code, above_scale, status, industry_code,
                        land_m2, tax_yuan, sales_yuan, kwh, first_production, completion_passed)
SELECT run.run_id, e.uscc, e.name, e.region_code, e.above_scale, e.status, e.industry_code,
       coalesce(land.land_m2, 0), coalesce(tax.tax_yuan, 0), coalesce(tax.sales_yuan, 0), power.kwh,
       land.first_production, coalesce(land.completion_passed, false)
FROM core.registry_current e
CROSS JOIN grading_run run
LEFT JOIN land ON land.uscc = e.uscc
LEFT JOIN tax ON tax.uscc = e.uscc
LEFT JOIN power ON power.uscc = e.uscc
WHERE left(e.industry_code, 1) = ANY (run.sections);

ANALYZE grading_run;
ANALYZE run_grades;
