-- Grading step 1: the inputs per enterprise and year Y (spec evaluation.md §1, details.md #37, #38, #59).
-- Run inside the evaluation run's transaction; `runs.evaluation_context` is that run (its year and policy).
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

WITH run AS (SELECT * FROM runs.evaluation_context), land_uses AS (
    SELECT u AS land_use FROM run, jsonb_array_elements_text(run.policy #> '{grading,industrial_land_uses}') AS u
    UNION
    SELECT u || '用地' FROM run, jsonb_array_elements_text(run.policy #> '{grading,industrial_land_uses}') AS u
), land AS (
    SELECT p.holder_uscc AS uscc,
           sum(p.area_m2) AS land_m2,
           min(p.production_start_on) FILTER (WHERE p.production_start_on <= run.year_end) AS first_production,
           coalesce(bool_or(p.agreed_completion_on < run.year_end), false) AS completion_passed
    FROM core.parcels_current p
    CROSS JOIN run
    WHERE p.supplied_on <= run.year_end
      AND p.land_use IN (SELECT land_use FROM land_uses)
    GROUP BY p.holder_uscc
), excluded AS (
    SELECT run.policy #> '{grading,grading_tax_excludes}' AS columns FROM run
), tax AS (
    SELECT t.uscc,
           sum(  CASE WHEN x.columns ? 'vat' THEN 0 ELSE coalesce(t.vat, 0) END
               + CASE WHEN x.columns ? 'corporate_income_tax' THEN 0 ELSE coalesce(t.corporate_income_tax, 0) END
               + CASE WHEN x.columns ? 'individual_income_tax' THEN 0 ELSE coalesce(t.individual_income_tax, 0) END
               + CASE WHEN x.columns ? 'other_taxes' THEN 0 ELSE coalesce(t.other_taxes, 0) END
               + CASE WHEN x.columns ? 'urban_land_use_tax' THEN 0 ELSE coalesce(t.urban_land_use_tax, 0) END
               + CASE WHEN x.columns ? 'property_tax' THEN 0 ELSE coalesce(t.property_tax, 0) END) AS tax_yuan,
           sum(coalesce(t.sales_revenue, 0)) AS sales_yuan
    FROM core.tax_current t
    CROSS JOIN run
    CROSS JOIN excluded x
    WHERE t.period BETWEEN run.year_start AND run.year_end
    GROUP BY t.uscc
), accounts_with_rows AS (
    SELECT DISTINCT account_no FROM core.power_current
), account_year AS (
    SELECT pc.account_no, sum(pc.kwh) AS kwh
    FROM core.power_current pc
    CROSS JOIN run
    WHERE pc.period BETWEEN run.year_start AND run.year_end
    GROUP BY pc.account_no
), power AS (
    SELECT l.uscc,
           CASE WHEN bool_and(w.account_no IS NOT NULL) THEN coalesce(sum(y.kwh), 0) END AS kwh
    FROM core.power_account_links l
    LEFT JOIN accounts_with_rows w ON w.account_no = l.account_no
    LEFT JOIN account_year y ON y.account_no = l.account_no
    WHERE l.uscc IS NOT NULL
    GROUP BY l.uscc
)
INSERT INTO runs.enterprise_grades (run_id, uscc, name, region_code, above_scale, status, industry_code,
                                    land_m2, tax_yuan, sales_yuan, kwh, first_production, completion_passed)
SELECT run.run_id, e.uscc, e.name, e.region_code, e.above_scale, e.status, e.industry_code,
       coalesce(land.land_m2, 0), coalesce(tax.tax_yuan, 0), coalesce(tax.sales_yuan, 0), power.kwh,
       land.first_production, coalesce(land.completion_passed, false)
FROM core.registry_current e
CROSS JOIN run
LEFT JOIN land ON land.uscc = e.uscc
LEFT JOIN tax ON tax.uscc = e.uscc
LEFT JOIN power ON power.uscc = e.uscc
WHERE left(e.industry_code, 1) IN (SELECT jsonb_array_elements_text(run.policy #> '{grading,sections}'));
