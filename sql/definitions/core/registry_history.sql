-- Registry history as a slowly changing dimension: a new version starts where a snapshot
-- changes an attribute; a snapshot with an older as-of than the current version is history,
-- not a replacement (details.md #73); an enterprise absent from a snapshot keeps its version.
CREATE OR REPLACE VIEW core.registry_history AS
WITH ordered AS (
    SELECT r.*,
           lag(ROW(r.name, r.legal_rep, r.status, r.established_on, r.industry_code, r.region_code,
                   r.region_name, r.above_scale, r.employees, r.address)::text)
               OVER (PARTITION BY r.uscc ORDER BY r.as_of, r.batch_id) AS previous_attributes,
           ROW(r.name, r.legal_rep, r.status, r.established_on, r.industry_code, r.region_code,
               r.region_name, r.above_scale, r.employees, r.address)::text AS attributes
    FROM core.registry_rows r
), changes AS (
    SELECT * FROM ordered WHERE previous_attributes IS DISTINCT FROM attributes
)
SELECT uscc, name, legal_rep, status, established_on, industry_code, region_code, region_name,
       above_scale, employees, address, batch_id,
       as_of AS valid_from,
       lead(as_of) OVER (PARTITION BY uscc ORDER BY as_of, batch_id) AS valid_to
FROM changes;
COMMENT ON VIEW core.registry_history IS '企业登记历史版本（valid_from/valid_to）/ registry versions with validity periods';
