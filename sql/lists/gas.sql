-- Lists: gas (差别气价清单, for the gas company): one row per gas account of every enterprise of
-- list_enterprises (surcharged_enterprises.sql), in yuan per m³ — the water list's twin over
-- `utility = gas` accounts (spec procedure.md §4; details.md #107).
-- Source: no public rule sets a gas surcharge; the figures are the profile's
--   lists.surcharge.gas (policy-default-ed2.yaml: 0 for C, D and idle, so the list stays empty
--   until a county sets them; an edition-1 profile without the key gets the same zeros). Idle
--   land: seed 002_32db2fb0d19ac012.txt 四.3 (金义新区: 严格落实用电、用水等差别化政策).
--
-- Accounts: gas accounts come only from the accounts extract, its current rows with utility
--   `gas` (气), each naming the account's enterprise; account_name is the extract's.
-- A listed enterprise with no gas account goes to no_account.csv (details.md #64).

CREATE TEMP TABLE list_accounts ON COMMIT DROP AS
SELECT a.account_no, a.account_name, a.uscc
FROM core.accounts_current a
WHERE a.utility = 'gas'
  AND a.uscc IN (SELECT uscc FROM list_enterprises);
-- The rows, one per account, and the enterprises without one: per_account_rows.sql.
