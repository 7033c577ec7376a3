-- The inputs of one year's grading per enterprise of the current registry (spec evaluation.md §1;
-- details.md #26, #35, #37, #38, #59): the one definition that grading (sql/grading/01_inputs.sql)
-- and the analysts' mart.enterprise_year read, so that the mart shows what grading used.
--
-- L  land_m2: area of its parcels (as holder) in core.parcels_in_scope as of Y-12-31: an
--    industrial use of the policy (runs.policy_land_uses), supplied_on ≤ Y-12-31.
-- T  tax_yuan: the 12 months of Y of vat + corporate_income_tax + individual_income_tax +
--    other_taxes + urban_land_use_tax + property_tax, less the policy's
--    grading.grading_tax_excludes (none when the policy names none); refunds (negative amounts)
--    count; an empty amount is 0.
-- R  sales_yuan: sales_revenue over the 12 months of Y.
-- E  kwh: kWh over the 12 months of Y of every power account linked to the enterprise
--    (core.power_account_links); unknown (NULL) when no account is linked, or when a linked
--    account has no power row at all (details.md #59); a known month without a row counts 0
--    (details.md #26).
-- first_production: earliest production_start_on ≤ Y-12-31 of the parcels counted in L.
-- completion_passed: a parcel counted in L has agreed_completion_on < Y-12-31 (details.md #38).
-- Statistics of Y (indicators.md §1, details.md #85): the current core.statistics_current row
--    of (uscc, Y), NULL columns when there is no row or the field was empty (unknown, never 0);
--    has_statistics says whether the row exists.
-- tax_months / power_months: months of Y with a tax row for the enterprise, with a power row on
--    one of its linked accounts (the mart's data-quality counts; grading does not use them).
--
-- The policy's values are read once per call (MATERIALIZED), and the year's bounds reach
-- core.tax_current and core.power_current as scalar subqueries, so that PostgreSQL drops the
-- other years' rows before it sorts the rest (docs/benchmarks.md, grading).
-- It runs with its caller's privileges: grading calls it in the run's transaction, after that
-- transaction wrote the run's row, and on Citus a statement cannot switch to another role
-- (the definer's) for shards the transaction already wrote as its own. The analysts' view
-- calls core.enterprise_year_inputs_as_owner instead.
-- PL/pgSQL rather than SQL: Citus cannot plan a distributed query inside an SQL function that
-- takes parameters, and can inside PL/pgSQL (docs/architecture.md, "Citus"). As SQL it was not
-- inlined either (it was a SECURITY DEFINER function then), so PostgreSQL plans it as before.
CREATE OR REPLACE FUNCTION core.enterprise_year_inputs(year integer, policy jsonb)
RETURNS TABLE (uscc text, name text, region_code text, above_scale boolean, status text, industry_code text,
               land_m2 numeric, first_production date, completion_passed boolean,
               tax_yuan numeric, sales_yuan numeric, tax_months integer, kwh numeric, power_months integer,
               has_statistics boolean, value_added numeric, revenue numeric, output_value numeric,
               rd_expense numeric, employees_avg integer, energy_tce numeric, emissions_t numeric,
               tech_investment numeric)
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    WITH rules AS MATERIALIZED (
        SELECT make_date(enterprise_year_inputs.year, 1, 1) AS year_start,
               make_date(enterprise_year_inputs.year, 12, 31) AS year_end,
               runs.policy_land_uses(enterprise_year_inputs.policy) AS land_uses,
               NOT coalesce(enterprise_year_inputs.policy #> '{grading,grading_tax_excludes}', '[]') ? 'vat' AS counts_vat,
               NOT coalesce(enterprise_year_inputs.policy #> '{grading,grading_tax_excludes}', '[]') ? 'corporate_income_tax'
                   AS counts_corporate_income_tax,
               NOT coalesce(enterprise_year_inputs.policy #> '{grading,grading_tax_excludes}', '[]') ? 'individual_income_tax'
                   AS counts_individual_income_tax,
               NOT coalesce(enterprise_year_inputs.policy #> '{grading,grading_tax_excludes}', '[]') ? 'other_taxes'
                   AS counts_other_taxes,
               NOT coalesce(enterprise_year_inputs.policy #> '{grading,grading_tax_excludes}', '[]') ? 'urban_land_use_tax'
                   AS counts_urban_land_use_tax,
               NOT coalesce(enterprise_year_inputs.policy #> '{grading,grading_tax_excludes}', '[]') ? 'property_tax'
                   AS counts_property_tax
    ), land AS (
        SELECT p.holder_uscc AS uscc,
               sum(p.area_m2) AS land_m2,
               min(p.production_start_on) FILTER (WHERE p.production_start_on <= r.year_end) AS first_production,
               coalesce(bool_or(p.agreed_completion_on < r.year_end), false) AS completion_passed
        FROM rules r
        CROSS JOIN LATERAL core.parcels_in_scope(r.year_end, r.land_uses) p
        GROUP BY p.holder_uscc
    ), tax AS (
        SELECT t.uscc,
               sum(  CASE WHEN r.counts_vat THEN coalesce(t.vat, 0) ELSE 0 END
                   + CASE WHEN r.counts_corporate_income_tax THEN coalesce(t.corporate_income_tax, 0) ELSE 0 END
                   + CASE WHEN r.counts_individual_income_tax THEN coalesce(t.individual_income_tax, 0) ELSE 0 END
                   + CASE WHEN r.counts_other_taxes THEN coalesce(t.other_taxes, 0) ELSE 0 END
                   + CASE WHEN r.counts_urban_land_use_tax THEN coalesce(t.urban_land_use_tax, 0) ELSE 0 END
                   + CASE WHEN r.counts_property_tax THEN coalesce(t.property_tax, 0) ELSE 0 END) AS tax_yuan,
               sum(coalesce(t.sales_revenue, 0)) AS sales_yuan,
               count(*) AS months   -- core.tax_current has one row per enterprise and month
        FROM core.tax_current t
        CROSS JOIN rules r
        WHERE t.period >= (SELECT year_start FROM rules)
          AND t.period <= (SELECT year_end FROM rules)
        GROUP BY t.uscc
    ), account_year AS (
        SELECT pc.account_no, sum(pc.kwh) AS kwh,
               bit_or(1 << (extract(month FROM pc.period)::int - 1)) AS months
        FROM core.power_current pc
        WHERE pc.period >= (SELECT year_start FROM rules)
          AND pc.period <= (SELECT year_end FROM rules)
        GROUP BY pc.account_no
    ), power AS (
        -- latest_period is empty exactly when the linked account has no power row at all.
        SELECT l.uscc,
               CASE WHEN bool_and(l.latest_period IS NOT NULL) THEN coalesce(sum(y.kwh), 0) END AS kwh,
               bit_or(y.months) AS months
        FROM core.power_account_links l
        LEFT JOIN account_year y ON y.account_no = l.account_no
        WHERE l.uscc IS NOT NULL
        GROUP BY l.uscc
    )
    SELECT e.uscc, e.name, e.region_code, e.above_scale, e.status, e.industry_code,
           coalesce(land.land_m2, 0), land.first_production, coalesce(land.completion_passed, false),
           coalesce(tax.tax_yuan, 0), coalesce(tax.sales_yuan, 0), coalesce(tax.months, 0)::int,
           power.kwh, coalesce(bit_count(power.months::bit(12)), 0)::int,
           st.uscc IS NOT NULL, st.value_added, st.revenue, st.output_value, st.rd_expense, st.employees_avg,
           st.energy_tce, st.emissions_t, st.tech_investment
    FROM core.registry_current e
    LEFT JOIN land ON land.uscc = e.uscc
    LEFT JOIN tax ON tax.uscc = e.uscc
    LEFT JOIN power ON power.uscc = e.uscc
    LEFT JOIN core.statistics_current st ON st.uscc = e.uscc AND st.year = enterprise_year_inputs.year;
END
$$;
COMMENT ON FUNCTION core.enterprise_year_inputs(integer, jsonb) IS
    '某年度每家企业的评价输入（用地、税收、销售、用电、统计数据）/ one year''s grading inputs per enterprise: land, tax, sales, kWh, statistics';
