CREATE OR REPLACE FUNCTION core.idle_parcels(as_of date, policy jsonb)
RETURNS TABLE (parcel_id text, holder_uscc text, code text, since date, idle_cause text, decided boolean)
LANGUAGE sql STABLE AS $$
    WITH uses AS (
        SELECT u AS land_use FROM jsonb_array_elements_text(idle_parcels.policy #> '{grading,industrial_land_uses}') AS u
        UNION
        SELECT u || '用地' FROM jsonb_array_elements_text(idle_parcels.policy #> '{grading,industrial_land_uses}') AS u
    ), shares AS MATERIALIZED (   -- read once: inlined, these would decompress the policy for every parcel
        SELECT runs.policy_share_numerator(idle_parcels.policy #>> '{land,idle_developed_share}') AS dev_n,
               runs.policy_share_denominator(idle_parcels.policy #>> '{land,idle_developed_share}') AS dev_d,
               runs.policy_share_numerator(idle_parcels.policy #>> '{land,idle_invested_share}') AS inv_n,
               runs.policy_share_denominator(idle_parcels.policy #>> '{land,idle_invested_share}') AS inv_d,
               (idle_parcels.policy #>> '{land,idle_start_years}')::int AS start_years,
               (idle_parcels.policy #>> '{land,idle_suspended_years}')::int AS suspended_years
    ), parcels AS (
        SELECT p.*,
               (p.actual_start_on IS NOT NULL AND p.actual_start_on <= idle_parcels.as_of) AS started,
               CASE WHEN p.developed_area_m2 IS NOT NULL THEN p.developed_area_m2 * s.dev_d < p.area_m2 * s.dev_n END AS dev_low,
               CASE WHEN p.invested_amount IS NOT NULL AND p.total_investment IS NOT NULL
                    THEN p.invested_amount * s.inv_d < p.total_investment * s.inv_n END AS inv_low,
               s.start_years, s.suspended_years
        FROM core.parcels_current p
        CROSS JOIN shares s
        WHERE p.supplied_on <= idle_parcels.as_of AND p.land_use IN (SELECT land_use FROM uses)
    )
    SELECT parcel_id, holder_uscc, 'IDLE-1', agreed_start_on, coalesce(idle_cause, 'enterprise'), true
    FROM parcels
    WHERE NOT started AND agreed_start_on + make_interval(years => start_years) <= idle_parcels.as_of
    UNION ALL
    SELECT parcel_id, holder_uscc, 'IDLE-2', suspended_since, coalesce(idle_cause, 'enterprise'),
           (dev_low IS NOT NULL OR inv_low IS NOT NULL)
    FROM parcels
    WHERE started AND suspended_since IS NOT NULL
      AND suspended_since + make_interval(years => suspended_years) <= idle_parcels.as_of
      AND (coalesce(dev_low, false) OR coalesce(inv_low, false) OR (dev_low IS NULL AND inv_low IS NULL))
$$;
COMMENT ON FUNCTION core.idle_parcels(date, jsonb) IS
    '截至某日的闲置宗地（IDLE-1 未动工、IDLE-2 中止开发）；decided=false 表示数据不足 / idle parcels as of a date; decided = false: undecided for missing data';
