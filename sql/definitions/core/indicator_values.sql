-- The catalogue's ten indicator values of one enterprise and year (spec indicators.md §2;
-- details.md #98, #111), from the inputs of core.enterprise_year_inputs: the one definition that
-- grading (sql/grading/01_inputs.sql) and mart.enterprise_year read.
-- L is land in mu (m² × 15 / 10000, exact). A value is NULL (undefined) when an input is unknown
-- (no linked power account, no statistics row, an empty statistics column) or its denominator is
-- 0. `unknown` names the indicators whose inputs are unknown: only those can hold a D (details.md
-- #98: a plant that drew no power, 0 employees, 0 tce, is not missing data; #111: an unknown
-- numerator over a known 0 is unknown).
CREATE OR REPLACE FUNCTION core.indicator_values(land_m2 numeric, tax_yuan numeric, sales_yuan numeric, kwh numeric,
                                                 value_added numeric, revenue numeric, rd_expense numeric,
                                                 employees_avg integer, energy_tce numeric, emissions_t numeric,
                                                 tech_investment numeric)
RETURNS TABLE (tax_per_mu numeric, sales_per_mu numeric, tax_per_kwh numeric, value_added_per_mu numeric,
               value_added_per_tce numeric, value_added_per_emission numeric, labour_productivity numeric,
               rd_ratio numeric, tech_investment_per_mu numeric, tax_per_emission numeric, unknown text[])
LANGUAGE sql IMMUTABLE AS $$
    SELECT tax_yuan / nullif(land_m2 * 15 / 10000, 0),
           sales_yuan / nullif(land_m2 * 15 / 10000, 0),
           tax_yuan / nullif(kwh, 0),
           value_added / nullif(land_m2 * 15 / 10000, 0),
           value_added / nullif(energy_tce, 0),
           value_added / nullif(emissions_t, 0),
           value_added / nullif(employees_avg, 0),
           rd_expense / nullif(revenue, 0),
           tech_investment / nullif(land_m2 * 15 / 10000, 0),
           tax_yuan / nullif(emissions_t, 0),
           array_remove(ARRAY[
               CASE WHEN kwh IS NULL THEN 'tax_per_kwh' END,
               CASE WHEN value_added IS NULL THEN 'value_added_per_mu' END,
               CASE WHEN value_added IS NULL OR energy_tce IS NULL THEN 'value_added_per_tce' END,
               CASE WHEN value_added IS NULL OR emissions_t IS NULL THEN 'value_added_per_emission' END,
               CASE WHEN value_added IS NULL OR employees_avg IS NULL THEN 'labour_productivity' END,
               CASE WHEN rd_expense IS NULL OR revenue IS NULL THEN 'rd_ratio' END,
               CASE WHEN tech_investment IS NULL THEN 'tech_investment_per_mu' END,
               CASE WHEN emissions_t IS NULL THEN 'tax_per_emission' END], NULL)
$$;
COMMENT ON FUNCTION core.indicator_values(numeric, numeric, numeric, numeric, numeric, numeric, numeric, integer, numeric, numeric, numeric) IS
    '某企业某年的十项指标值（未定义为空）及输入未知的指标 / the ten indicator values of an enterprise and year (NULL when undefined), and which rest on unknown inputs';
