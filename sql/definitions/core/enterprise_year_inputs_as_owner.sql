-- core.enterprise_year_inputs for the analysts' mart.enterprise_year (spec security.md):
-- analysts may read mart only, and a function called from a view runs with the caller's
-- privileges unless it is a definer's, so this one is, owned by mujun_owner. Analysts cannot call
-- it directly (no USAGE on core); the view filters its rows by region. Grading calls
-- core.enterprise_year_inputs itself: within a run's transaction, Citus would refuse a definer's
-- statement on shards the transaction had written as the login (docs/architecture.md, "Citus").
CREATE OR REPLACE FUNCTION core.enterprise_year_inputs_as_owner(year integer, policy jsonb)
RETURNS TABLE (uscc text, name text, region_code text, above_scale boolean, status text, industry_code text,
               land_m2 numeric, first_production date, completion_passed boolean, tax_yuan numeric,
               sales_yuan numeric, tax_months integer, kwh numeric, power_months integer, has_statistics boolean,
               value_added numeric, revenue numeric, output_value numeric, rd_expense numeric,
               employees_avg integer, energy_tce numeric, emissions_t numeric, tech_investment numeric)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT * FROM core.enterprise_year_inputs(enterprise_year_inputs_as_owner.year, enterprise_year_inputs_as_owner.policy)
$$;
COMMENT ON FUNCTION core.enterprise_year_inputs_as_owner(integer, jsonb) IS
    '供分析视图调用的评价输入（以所有者权限执行）/ core.enterprise_year_inputs run as its owner, for the analysts'' mart.enterprise_year';
