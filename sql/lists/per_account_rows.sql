-- Electricity and water lists, last step: one list row per account of a listed enterprise
-- (spec lists.md "The lists"), and the listed enterprises without an account, for
-- no_account.csv and the manifest (details.md #64). Runs after electricity.sql or water.sql,
-- which leave the accounts of the list in `list_accounts`, and surcharged_enterprises.sql,
-- which leaves the listed enterprises in `list_enterprises`.

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
