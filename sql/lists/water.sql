-- Lists: water (差别水价清单, for the water utility): one row per water account of every
-- enterprise of list_enterprises (surcharged_enterprises.sql), in yuan per m³.
-- Sources: Taicang (太仓), Jiangsu, 2018 — the sewage-fee surcharge of 0.17 yuan/m³ for D-class
--   firms (evaluation.md §7); seed 002_32db2fb0d19ac012.txt 四.3 (金义新区) — idle-land holders get
--   differential water prices (0.17 by default).
--
-- Accounts: water accounts come only from the accounts extract (spec extracts.md `accounts`):
--   its current rows with utility `water`, each naming the account's enterprise; account_name is
--   the extract's.
-- A listed enterprise with no water account goes to no_account.csv (runs.list_no_account) and
--   is counted in the manifest (details.md #64).

CREATE TEMP TABLE list_accounts ON COMMIT DROP AS
SELECT a.account_no, a.account_name, a.uscc
FROM core.accounts_current a
WHERE a.utility = 'water'
  AND a.uscc IN (SELECT uscc FROM list_enterprises);

INSERT INTO runs.list_rows (export_id, list, list_date, key, uscc, region_code, reason_codes, surcharge,
                            account_no, account_name, enterprise_name, grade, effective_from, basis)
SELECT c.export_id, c.list, c.list_date, a.account_no, e.uscc, e.region_code, e.reason_codes, e.surcharge,
       a.account_no, a.account_name, e.enterprise_name, e.grade, e.effective_from, e.basis
FROM list_enterprises e
JOIN list_accounts a ON a.uscc = e.uscc
CROSS JOIN list_context c;

INSERT INTO runs.list_no_account (export_id, list_date, uscc, enterprise_name, region_code, grade, reason_codes, surcharge,
                                  effective_from, basis)
SELECT c.export_id, c.list_date, e.uscc, e.enterprise_name, e.region_code, e.grade, e.reason_codes, e.surcharge,
       e.effective_from, e.basis
FROM list_enterprises e
CROSS JOIN list_context c
WHERE NOT EXISTS (SELECT 1 FROM list_accounts a WHERE a.uscc = e.uscc);
