-- Current data: the latest applied row per key of every extract kind, and the links from power
-- accounts to enterprises. "Latest" is later as-of, then later batch (details.md #20); only
-- applied batches are partitions of the *_rows tables, so refused batches never show here.

CREATE VIEW core.registry_current AS
SELECT DISTINCT ON (uscc) *
FROM core.registry_rows
ORDER BY uscc, as_of DESC, batch_id DESC;
COMMENT ON VIEW core.registry_current IS '企业现行登记信息（每企业最新快照）/ current registry version of every enterprise';

-- Registry history as a slowly changing dimension: a new version starts where a snapshot
-- changes an attribute; a snapshot with an older as-of than the current version is history,
-- not a replacement (details.md #73); an enterprise absent from a snapshot keeps its version.
CREATE VIEW core.registry_history AS
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

CREATE VIEW core.tax_current AS
SELECT DISTINCT ON (uscc, period) *
FROM core.tax_rows
ORDER BY uscc, period, as_of DESC, batch_id DESC;
COMMENT ON VIEW core.tax_current IS '现行月度税收（每企业每月最新批次）/ current tax per enterprise and month';

CREATE VIEW core.power_current AS
SELECT DISTINCT ON (account_no, period) *
FROM core.power_rows
ORDER BY account_no, period, as_of DESC, batch_id DESC;
COMMENT ON VIEW core.power_current IS '现行月度用电量（每户号每月最新批次）/ current kWh per account and month';

CREATE VIEW core.parcels_current AS
SELECT DISTINCT ON (parcel_id) *
FROM core.parcel_rows
ORDER BY parcel_id, as_of DESC, batch_id DESC;
COMMENT ON VIEW core.parcels_current IS '现行宗地信息 / current version of every parcel';

CREATE VIEW core.accounts_current AS
SELECT DISTINCT ON (utility, account_no) *
FROM core.account_rows
ORDER BY utility, account_no, as_of DESC, batch_id DESC;
COMMENT ON VIEW core.accounts_current IS '现行水电气户号对照 / current utility-account mapping rows';

-- Months known per kind (details.md #28): an applied batch holds a loaded row for the month.
CREATE VIEW core.known_months AS
SELECT 'tax'::text AS kind, period FROM core.tax_rows GROUP BY period
UNION ALL
SELECT 'power'::text, period FROM core.power_rows GROUP BY period;
COMMENT ON VIEW core.known_months IS '已知月份：有已生效批次数据的月份 / months for which an applied batch holds data';

-- Manual account mappings entered by an operator (`mujun accounts map|unmap`), with the audit
-- trail of who, when and why. An unmap is an event with uscc NULL.
CREATE TABLE runs.account_mappings (
    mapping_id   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_no   text NOT NULL,
    uscc         text,
    reason       text NOT NULL,
    document_no  text,
    made_by      text NOT NULL,
    made_at      timestamptz NOT NULL
);
COMMENT ON TABLE runs.account_mappings IS '电力户号人工对照（含解除）及其审计记录 / manual power-account mappings and unmappings, audited';

-- Power account → enterprise (spec extracts.md `power`, details.md #23–25, #52):
--   manual  the latest manual event (an operator's map, or a power row of the accounts extract)
--           wins unconditionally, even for a uscc not (yet) in the registry; an unmap removes it
--   uscc    the account's uscc (from its latest-period row) is in the registry
--   name    the normalised account name equals exactly one enterprise's normalised current name
--   ambiguous / unmatched: loaded all the same, listed for manual mapping
CREATE VIEW core.power_account_links AS
WITH latest AS (
    SELECT DISTINCT ON (account_no) account_no, uscc, account_name, account_name_norm, period
    FROM core.power_current
    ORDER BY account_no, period DESC
), manual_events AS (
    SELECT m.account_no, m.uscc, m.made_at AS made_at, m.mapping_id AS seq, 'operator'::text AS source
    FROM runs.account_mappings m
    UNION ALL
    SELECT a.account_no, a.uscc, b.finished_at, 0, 'accounts_extract'
    FROM core.accounts_current a JOIN runs.batches b USING (batch_id)
    WHERE a.utility = 'power'
), manual AS (
    SELECT DISTINCT ON (account_no) account_no, uscc, source
    FROM manual_events
    ORDER BY account_no, made_at DESC, seq DESC
), by_name AS (
    SELECT name_norm, min(uscc) AS uscc, count(*) AS enterprises
    FROM core.registry_current
    GROUP BY name_norm
), accounts AS (
    SELECT account_no FROM latest
    UNION
    SELECT account_no FROM manual WHERE uscc IS NOT NULL
)
SELECT a.account_no,
       coalesce(l.account_name, ac.account_name) AS account_name,
       l.uscc AS extract_uscc,
       CASE WHEN m.uscc IS NOT NULL THEN m.uscc
            WHEN e.uscc IS NOT NULL THEN e.uscc
            WHEN n.enterprises = 1 THEN n.uscc
       END AS uscc,
       CASE WHEN m.uscc IS NOT NULL THEN 'manual'
            WHEN e.uscc IS NOT NULL THEN 'uscc'
            WHEN n.enterprises = 1 THEN 'name'
            WHEN n.enterprises > 1 THEN 'ambiguous'
            ELSE 'unmatched'
       END AS link_method,
       l.period AS latest_period
FROM accounts a
LEFT JOIN latest l ON l.account_no = a.account_no
LEFT JOIN manual m ON m.account_no = a.account_no
LEFT JOIN core.accounts_current ac ON ac.utility = 'power' AND ac.account_no = a.account_no
LEFT JOIN core.registry_current e ON e.uscc = l.uscc
LEFT JOIN by_name n ON n.name_norm = l.account_name_norm;
COMMENT ON VIEW core.power_account_links IS '电力户号与企业的关联（人工、信用代码、户名）/ power accounts linked to enterprises: manual, by uscc, by name';
