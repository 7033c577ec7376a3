-- Land flags, step 1: the run's parameters and the parcels in scope (spec land.md, first
-- paragraph; details.md #27, #31, #35, #55).
-- Run inside the flag run's transaction after `SET LOCAL mujun.run_id = '<run id>'`; every later
-- file of sql/land/ reads the two tables made here, which vanish at the end of the transaction.
--
-- Scope: core.parcels_in_scope (sql/definitions/core/parcels_in_scope.sql): a parcel is judged
--   when its land_use is one of the policy's industrial uses (runs.policy_land_uses: exactly or
--   with 用地 appended) and it was supplied on or before the as-of date D. The data are the latest
--   loaded parcel and registry rows; only the dates in them are compared with D (details.md #27).
-- Words used by every rule (details.md #31):
--   started        actual_start_on ≤ D        (empty, or a later date: not started)
--   in production  production_start_on ≤ D    (empty, or a later date: not in production)
--   "X + n years ≤ D" is `X + make_interval(years => n) <= D`: 29 February + 1 year is
--   28 February (spec land.md "Date arithmetic", details.md #30).
-- The holder's status and industry come from the current registry; a holder missing from the
--   registry has them unknown (NULL), and tests that need them are undecided (details.md #55).
-- Sources: seed 003_a0174000c3a42330.txt 二 (规划用途为工业用地的); the policy profile
--   (jobs/policies/*.yaml, `land:` and `grading.industrial_land_uses`).

CREATE TEMP TABLE flag_params ON COMMIT DROP AS
SELECT r.run_id,
       r.as_of,
       -- "The last n complete months before D" end with the month before D's month (details.md #29).
       date_trunc('month', r.as_of::timestamp)::date AS month_of_as_of,
       (date_trunc('month', r.as_of::timestamp) - make_interval(months => (p.content #>> '{land,stopped_months}')::int))::date
           AS stopped_window_start,
       (date_trunc('month', r.as_of::timestamp) - make_interval(months => (p.content #>> '{land,seizure_stopped_months}')::int))::date
           AS seizure_window_start,
       extract(year FROM r.as_of)::int AS as_of_year,
       -- INEFF-3 looks at the two calendar years before D's year.
       make_date(extract(year FROM r.as_of)::int - 2, 1, 1) AS tax_years_start,
       make_date(extract(year FROM r.as_of)::int - 1, 1, 1) AS tax_second_year_start,
       make_date(extract(year FROM r.as_of)::int, 1, 1) AS tax_years_end,
       runs.policy_land_uses(p.content) AS land_uses,
       -- procedure.md §3: sanctions only on determined land (absent: true, details.md #126).
       coalesce((p.content #>> '{land,require_determination}')::boolean, true) AS require_determination,
       -- The whole profile, for core.idle_parcels (the idle rule grading's veto reads too).
       p.content AS policy,
       (p.content #>> '{land,idle_start_years}')::int AS idle_start_years,
       (p.content #>> '{land,idle_suspended_years}')::int AS idle_suspended_years,
       p.content #>> '{land,idle_developed_share}' AS idle_developed_share,
       p.content #>> '{land,idle_invested_share}' AS idle_invested_share,
       runs.policy_number(p.content, 'land', 'idle_fee_rate') AS idle_fee_rate,
       (p.content #>> '{land,recover_after_years}')::int AS recover_after_years,
       (p.content #>> '{land,recover_if_supplied_before}')::date AS recover_if_supplied_before,
       (p.content #>> '{land,stopped_months}')::int AS stopped_months,
       runs.policy_number(p.content, 'land', 'stopped_month_max_kwh') AS stopped_month_max_kwh,
       (p.content #>> '{land,seizure_stopped_months}')::int AS seizure_stopped_months,
       (p.content #>> '{land,ineff3_min_production_years}')::int AS ineff3_min_production_years,
       runs.policy_number(p.content, 'land', 'min_tax_per_mu_yuan') AS min_tax_per_mu_yuan,
       p.content #> '{land,ineff3_tax_excludes}' AS ineff3_tax_excludes,
       -- Which tax columns INEFF-3 counts (城镇土地使用税 and 房产税 are left out by default).
       NOT (p.content #> '{land,ineff3_tax_excludes}') ? 'vat' AS ineff3_counts_vat,
       NOT (p.content #> '{land,ineff3_tax_excludes}') ? 'corporate_income_tax' AS ineff3_counts_corporate_income_tax,
       NOT (p.content #> '{land,ineff3_tax_excludes}') ? 'individual_income_tax' AS ineff3_counts_individual_income_tax,
       NOT (p.content #> '{land,ineff3_tax_excludes}') ? 'other_taxes' AS ineff3_counts_other_taxes,
       NOT (p.content #> '{land,ineff3_tax_excludes}') ? 'urban_land_use_tax' AS ineff3_counts_urban_land_use_tax,
       NOT (p.content #> '{land,ineff3_tax_excludes}') ? 'property_tax' AS ineff3_counts_property_tax,
       ARRAY(SELECT jsonb_array_elements_text(p.content #> '{land,prohibited_industries}')) AS prohibited_industries,
       -- Prohibited industries match by prefix: C25 matches C2511 (details.md #34).
       ARRAY(SELECT x || '%' FROM jsonb_array_elements_text(p.content #> '{land,prohibited_industries}') AS x)
           AS prohibited_patterns,
       (p.content #>> '{land,lowfar_since}')::date AS lowfar_since,
       runs.policy_number(p.content, 'land', 'min_plot_ratio') AS min_plot_ratio,
       runs.policy_number(p.content, 'land', 'split_min_undeveloped_mu') AS split_min_undeveloped_mu
FROM runs.flag_runs r
JOIN runs.policy_profiles p ON p.sha256 = r.policy_sha256
WHERE r.run_id = current_setting('mujun.run_id')::bigint;

CREATE TEMP TABLE flag_scope ON COMMIT DROP AS
SELECT p.parcel_id,
       p.cert_no,
       p.holder_uscc,
       coalesce(e.name, p.holder_name) AS holder_name,
       p.region_code,
       p.land_use,
       p.area_m2,
       p.supplied_on,
       p.agreed_start_on,
       p.agreed_completion_on,
       p.actual_start_on,
       p.production_start_on,
       p.developed_area_m2,
       p.total_investment,
       p.invested_amount,
       p.suspended_since,
       p.land_price,
       p.floor_area_m2,
       coalesce(p.judicial_seizure, false) AS judicial_seizure,
       -- An empty 闲置原因 is `undetermined` under land.require_determination (details.md #86: the
       -- cause is never assumed), else edition 1's `enterprise` (extracts.md).
       coalesce(p.idle_cause, CASE WHEN f.require_determination THEN 'undetermined' ELSE 'enterprise' END) AS idle_cause,
       nullif(btrim(p.determination_no), '') AS determination_no,
       p.determined_on,
       p.rectify_by,
       e.uscc IS NOT NULL AS holder_registered,
       e.status AS holder_status,
       e.industry_code AS holder_industry,
       coalesce(p.actual_start_on <= f.as_of, false) AS started,
       coalesce(p.production_start_on <= f.as_of, false) AS in_production,
       -- 中止开发/停工满 n 年: suspended_since + n years ≤ D.
       coalesce(p.suspended_since + make_interval(years => f.idle_suspended_years) <= f.as_of, false)
           AS suspended_long_enough
FROM flag_params f
CROSS JOIN LATERAL core.parcels_in_scope(f.as_of, f.land_uses) p
LEFT JOIN core.registry_current e ON e.uscc = p.holder_uscc;

-- Tests that the data could not decide, with what was missing: gathered by the rule files and
-- written as one UNKNOWN row per parcel by 06_unknown.sql (details.md #32).
CREATE TEMP TABLE flag_undecided (
    parcel_id  text NOT NULL,
    test       text NOT NULL,
    missing    text[] NOT NULL
) ON COMMIT DROP;

ANALYZE flag_params;
ANALYZE flag_scope;
