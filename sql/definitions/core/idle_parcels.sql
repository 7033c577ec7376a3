-- Idle land 闲置土地 as of a date under a policy: the one definition that the flag run's IDLE-1 and
-- IDLE-2 rows (sql/land/02_idle.sql) and grading's idle-land veto (sql/grading/07_overrides.sql,
-- as of Y-12-31) both read (spec land.md "Idle"; details.md #30, #42, #58).
-- Sources: 闲置土地处置办法 (国土资源部令第53号) art. 2; seed 000_a812d8cbf2a193c8.txt 二(二);
--   seed 003_a0174000c3a42330.txt 二(一)1–2 (the exact tests).
--
-- In scope: core.parcels_in_scope(D, the policy's industrial land uses).
-- idle_cause: the extract's; an empty one is `undetermined` under land.require_determination
--   (default true, details.md #86), else `enterprise` (edition 1). The parcel's determination
--   (number, date, rectify_by) is returned for the callers' procedure tests (core.determined,
--   core.rectify_deadline).
-- IDLE-1 未动工: not started by D (actual_start_on empty or after D) and
--   agreed_start_on + land.idle_start_years years ≤ D; idle since agreed_start_on.
-- IDLE-2 中止开发: started (actual_start_on ≤ D), suspended_since + land.idle_suspended_years
--   years ≤ D, and (developed_area_m2 < idle_developed_share × area_m2, or invested_amount <
--   idle_invested_share × total_investment); idle since suspended_since. Each side counts only
--   where its values are known (developed_low / invested_low, NULL when unknown); both sides
--   unknown → undecided (`decided` false), which is not idle and which the flag run lists
--   under UNKNOWN (details.md #58). Shares are compared exactly: developed × d < area × n for
--   a share n/d.
-- "X + n years ≤ D" is X + make_interval(years => n) <= D: 29 February + 1 year is 28 February
--   (details.md #30).
-- Two traps, both met before: the parameters are written with the function's name
--   (idle_parcels.as_of), because in a SQL function a column name wins over a parameter, and
--   parcels_current has an as_of column (the parcels batch's date: the veto once judged idleness
--   as of that date instead of Y-12-31); and the policy's values are read once per call (a
--   MATERIALIZED CTE), because the profile is stored compressed and read per parcel it cost 17 s
--   at province scale (docs/benchmarks.md).
-- PL/pgSQL, not SQL: Citus cannot plan a query on distributed tables inside an SQL function
-- that takes parameters (docs/architecture.md, "Citus").
CREATE OR REPLACE FUNCTION core.idle_parcels(as_of date, policy jsonb)
RETURNS TABLE (parcel_id text, holder_uscc text, code text, since date, idle_cause text, decided boolean,
               developed_low boolean, invested_low boolean, determination_no text, determined_on date, rectify_by date)
LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
    RETURN QUERY
    WITH rules AS MATERIALIZED (
        SELECT runs.policy_land_uses(idle_parcels.policy) AS land_uses,
               runs.policy_share_numerator(idle_parcels.policy #>> '{land,idle_developed_share}') AS dev_n,
               runs.policy_share_denominator(idle_parcels.policy #>> '{land,idle_developed_share}') AS dev_d,
               runs.policy_share_numerator(idle_parcels.policy #>> '{land,idle_invested_share}') AS inv_n,
               runs.policy_share_denominator(idle_parcels.policy #>> '{land,idle_invested_share}') AS inv_d,
               (idle_parcels.policy #>> '{land,idle_start_years}')::int AS start_years,
               (idle_parcels.policy #>> '{land,idle_suspended_years}')::int AS suspended_years,
               CASE WHEN coalesce((idle_parcels.policy #>> '{land,require_determination}')::boolean, true)
                    THEN 'undetermined' ELSE 'enterprise' END AS empty_cause
    ), parcels AS (
        SELECT p.*,
               (p.actual_start_on IS NOT NULL AND p.actual_start_on <= idle_parcels.as_of) AS started,
               CASE WHEN p.developed_area_m2 IS NOT NULL THEN p.developed_area_m2 * r.dev_d < p.area_m2 * r.dev_n END AS dev_low,
               CASE WHEN p.invested_amount IS NOT NULL AND p.total_investment IS NOT NULL
                    THEN p.invested_amount * r.inv_d < p.total_investment * r.inv_n END AS inv_low,
               r.start_years, r.suspended_years, r.empty_cause
        FROM rules r
        CROSS JOIN LATERAL core.parcels_in_scope(idle_parcels.as_of, r.land_uses) p
    )
    SELECT parcel_id, holder_uscc, 'IDLE-1', agreed_start_on, coalesce(idle_cause, empty_cause), true, dev_low, inv_low,
           nullif(btrim(determination_no), ''), determined_on, rectify_by
    FROM parcels
    WHERE NOT started AND agreed_start_on + make_interval(years => start_years) <= idle_parcels.as_of
    UNION ALL
    SELECT parcel_id, holder_uscc, 'IDLE-2', suspended_since, coalesce(idle_cause, empty_cause),
           (dev_low IS NOT NULL OR inv_low IS NOT NULL), dev_low, inv_low,
           nullif(btrim(determination_no), ''), determined_on, rectify_by
    FROM parcels
    WHERE started AND suspended_since IS NOT NULL
      AND suspended_since + make_interval(years => suspended_years) <= idle_parcels.as_of
      AND (coalesce(dev_low, false) OR coalesce(inv_low, false) OR (dev_low IS NULL AND inv_low IS NULL));
END
$$;
COMMENT ON FUNCTION core.idle_parcels(date, jsonb) IS
    '截至某日的闲置宗地（IDLE-1 未动工、IDLE-2 中止开发）；decided=false 表示数据不足 / idle parcels as of a date; decided = false: undecided for missing data';
