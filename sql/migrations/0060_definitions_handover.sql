-- The definitions handover (issue 13): views and functions leave sql/migrations/ for
-- sql/definitions/<schema>/<name>.sql, one object per file, which `mujun migrate` applies after
-- the migrations, in dependency order, whenever a file's checksum changes or its object is
-- missing (docs/architecture.md, "Migrations and definitions").
--
-- On a database made before the handover this drops the objects that 0005–0051 created, so that
-- the definitions make them afresh, in this migration's transaction: no body of an old migration
-- is left in the live path, and columns or signatures that changed at the handover
-- (core.idle_parcels returns the share tests it decided on) need no CREATE OR REPLACE that
-- PostgreSQL would refuse. On a fresh database nothing here exists and every statement is a
-- no-op. Grants need no restating: the default privileges of 0002 and 0007 give the recreated
-- views and functions the same privileges the old ones had.

DROP VIEW IF EXISTS
    mart.parcel_flags, mart.disposal_progress, mart.enterprise_grades, mart.grade_benchmarks,
    mart.enterprise_year, mart.batches, mart.rejects, mart.unlinked_accounts, mart.policy_list_rows,
    runs.evaluation_context,
    core.power_account_links, core.known_months, core.registry_history, core.registry_current,
    core.tax_current, core.power_current, core.parcels_current, core.accounts_current;

DROP FUNCTION IF EXISTS
    core.idle_parcels(date, jsonb),
    mart.region_restricted(),
    runs.policy_number(jsonb, text[]),
    runs.policy_share_numerator(text),
    runs.policy_share_denominator(text);
