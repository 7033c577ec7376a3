-- Lists: electricity (差别电价清单, for the power company): one row per power account of every
-- enterprise of list_enterprises (surcharged_enterprises.sql), in yuan per kWh.
-- Sources: Suqian (宿迁), Jiangsu, 2022 — D surcharge steps 0.05 / 0.08 / 0.10 by consecutive D
--   years (evaluation.md §7); seed 002_32db2fb0d19ac012.txt 四.3 (金义新区) — idle-land holders
--   get differential power prices (0.05 by default).
--
-- Accounts: the power accounts linked to the enterprise (core.power_account_links: manual
--   mappings first, then the extract's uscc, then a unique name; details.md #23–25, #52), a
--   mapped account with no power row included.
-- account_name: the latest power row's name, else the accounts extract's (details.md #48).
-- A listed enterprise with no linked account goes to no_account.csv (runs.list_no_account) and
--   is counted in the manifest (details.md #64).

CREATE TEMP TABLE list_accounts ON COMMIT DROP AS
SELECT a.account_no, a.account_name, a.uscc
FROM core.power_account_links a
WHERE a.uscc IN (SELECT uscc FROM list_enterprises);
-- The rows, one per account, and the enterprises without one: per_account_rows.sql.
