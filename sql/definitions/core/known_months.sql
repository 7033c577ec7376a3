-- Months known per kind (details.md #28): an applied batch holds a loaded row for the month.
CREATE OR REPLACE VIEW core.known_months AS
SELECT 'tax'::text AS kind, period FROM core.tax_rows GROUP BY period
UNION ALL
SELECT 'power'::text, period FROM core.power_rows GROUP BY period;
COMMENT ON VIEW core.known_months IS '已知月份：有已生效批次数据的月份 / months for which an applied batch holds data';
