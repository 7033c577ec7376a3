-- The indicator catalogue (spec indicators.md §2), as data: its order is the order of the mart's
-- columns, the notice's and the report's sections. `needs_statistics`: the indicator reads the
-- statistics row of Y, so an undefined value adds reason no_statistics, and a weighted one makes
-- evaluate require an applied statistics batch of Y (details.md #117).
CREATE OR REPLACE FUNCTION core.indicator_catalogue()
RETURNS TABLE (indicator text, catalogue_order integer, name_zh text, formula text, unit text, needs_statistics boolean)
LANGUAGE sql IMMUTABLE AS $$
    VALUES ('tax_per_mu',               1,  '亩均税收',                 'T / L',    'yuan/mu',     false),
           ('sales_per_mu',             2,  '亩均销售收入',             'R / L',    'yuan/mu',     false),
           ('tax_per_kwh',              3,  '单位电耗税收',             'T / E',    'yuan/kWh',    false),
           ('value_added_per_mu',       4,  '亩均工业增加值',           'VA / L',   'yuan/mu',     true),
           ('value_added_per_tce',      5,  '单位能耗工业增加值',       'VA / TCE', 'yuan/tce',    true),
           ('value_added_per_emission', 6,  '单位排放工业增加值',       'VA / EM',  'yuan/t',      true),
           ('labour_productivity',      7,  '全员劳动生产率',           'VA / EMP', 'yuan/person', true),
           ('rd_ratio',                 8,  '研发经费支出占营业收入比重', 'RD / REV', 'ratio',       true),
           ('tech_investment_per_mu',   9,  '亩均技改投资',             'TI / L',   'yuan/mu',     true),
           ('tax_per_emission',         10, '单位排放税收',             'T / EM',   'yuan/t',      true)
$$;
COMMENT ON FUNCTION core.indicator_catalogue() IS
    '指标目录（十项指标、中文名、公式、单位）/ the indicator catalogue: ten indicators, Chinese names, formulas, units';
