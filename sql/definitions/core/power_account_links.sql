-- Power account → enterprise (spec extracts.md `power`, details.md #23–25, #52):
--   manual  the latest manual event (an operator's map, or a power row of the accounts extract)
--           wins unconditionally, even for a uscc not (yet) in the registry; an unmap removes it
--   uscc    the account's uscc (from its latest-period row) is in the registry
--   name    the normalised account name equals exactly one enterprise's normalised current name
--   ambiguous / unmatched: loaded all the same, listed for manual mapping
-- An account's latest row is read from core.power_rows in one sort (period DESC, as_of DESC,
-- batch_id DESC) rather than from core.power_current, which sorted the whole history once more:
-- at province scale that was a sort of 9 million rows in grading and in the flag run
-- (docs/benchmarks.md, 2026-11-23).
CREATE OR REPLACE VIEW core.power_account_links AS
WITH latest AS (
    SELECT DISTINCT ON (account_no) account_no, uscc, account_name, account_name_norm, period
    FROM core.power_rows
    ORDER BY account_no, period DESC, as_of DESC, batch_id DESC
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
