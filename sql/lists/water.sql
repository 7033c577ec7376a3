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
-- The rows, one per account, and the enterprises without one: per_account_rows.sql.
