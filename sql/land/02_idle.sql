-- Land flags, step 2: idle land 闲置土地 (spec land.md "Idle"; details.md #30, #32, #33, #36, #58).
-- Sources: 闲置土地处置办法 (国土资源部令第53号) art. 2 and art. 14;
--   seed 000_a812d8cbf2a193c8.txt 淮安 二(二) 闲置土地 and 三(二)3 收取闲置费;
--   seed 003_a0174000c3a42330.txt 旌德 二(一)1–2 (exact tests) and 四(一) (处置方式);
--   seed 001_0a030701a5241b7a.txt 江阴 二(五) (fee after 1 year, recovery after 2, pre-2009 land).
--
-- The rule itself, IDLE-1 未动工 and IDLE-2 中止开发 with its undecided case, is core.idle_parcels
--   (sql/definitions/core/idle_parcels.sql), which grading's idle-land veto reads too: this file
--   reads its rows as of D, and adds the idle years, the recommendation, the fee and the evidence.
-- idle_years: the largest n with since + n years ≤ D (details.md #30).
-- Recommendation by idle_cause (details.md #33: IDLE-* rows only):
--   enterprise: 1 ≤ idle_years < recover_after_years (2) → fee, 土地闲置费 = idle_fee_rate (20 %)
--               × land_price, rounded to 0.01 (empty when land_price is unknown);
--               idle_years ≥ 2 → recover (无偿收回).
--   government or other → negotiate (协商: extend, change plan conditions, swap, buy back); no fee.
--   Edition 2 (procedure.md §3; details.md #88), under land.require_determination (default):
--   a parcel not determined by D (core.determined) or whose cause is `undetermined` → investigate
--   (调查核实), no fee; fee, recover and negotiate only for parcels determined by D, as above.
--   Policy option (seed 001 二(五), 江阴: "2009年前取得土地使用权，目前还未开发的工业用地…收回"):
--   when recover_if_supplied_before is set, an IDLE-1 parcel (still not started) supplied before
--   that date → recover, whatever its idle years and its cause. Off in the default profile.

-- The rule's rows as of D, decided or not, read once.
CREATE TEMP TABLE flag_idle_rule ON COMMIT DROP AS
SELECT i.*
FROM flag_params f
CROSS JOIN LATERAL core.idle_parcels(f.as_of, f.policy) AS i;

CREATE TEMP TABLE flag_idle ON COMMIT DROP AS
WITH idle AS (
    SELECT s.*, i.code AS flag_code, i.since, i.developed_low, i.invested_low
    FROM flag_idle_rule i
    JOIN flag_scope s ON s.parcel_id = i.parcel_id
    WHERE i.decided
), aged AS (
    SELECT i.*,
           -- Whole years: the calendar difference, less one if the anniversary is still ahead.
           extract(year FROM f.as_of)::int - extract(year FROM i.since)::int
             - CASE WHEN i.since + make_interval(years => extract(year FROM f.as_of)::int - extract(year FROM i.since)::int)
                         > f.as_of THEN 1 ELSE 0 END AS idle_years
    FROM idle i
    CROSS JOIN flag_params f
), recommended AS (
    SELECT a.*,
           CASE WHEN f.require_determination
                     AND (a.idle_cause = 'undetermined' OR NOT core.determined(a.determination_no, a.determined_on, f.as_of))
                    THEN 'investigate'
                WHEN a.flag_code = 'IDLE-1' AND a.supplied_on < f.recover_if_supplied_before THEN 'recover'
                WHEN a.idle_cause <> 'enterprise' THEN 'negotiate'
                WHEN a.idle_years >= f.recover_after_years THEN 'recover'
                WHEN a.idle_years >= 1 THEN 'fee'
           END AS recommendation
    FROM aged a
    CROSS JOIN flag_params f
)
SELECT r.*,
       CASE WHEN r.recommendation = 'fee' THEN round(f.idle_fee_rate * r.land_price, 2) END AS idle_fee_yuan,
       CASE r.flag_code
           WHEN 'IDLE-1' THEN jsonb_build_object(
               'test', 'not started by as_of and agreed_start_on + idle_start_years years <= as_of',
               'as_of', f.as_of,
               'agreed_start_on', r.agreed_start_on,
               'actual_start_on', r.actual_start_on,
               'idle_start_years', f.idle_start_years,
               'idle_years', r.idle_years,
               'idle_cause', r.idle_cause,
               'determination_no', r.determination_no,
               'determined_on', r.determined_on,
               'supplied_on', r.supplied_on,
               'land_price_yuan', r.land_price,
               'idle_fee_rate', CASE WHEN r.recommendation = 'fee' THEN f.idle_fee_rate END,
               'recover_if_supplied_before', f.recover_if_supplied_before)
           ELSE jsonb_build_object(
               'test', 'started, suspended_since + idle_suspended_years years <= as_of, and developed share '
                       || 'or invested share below the limit',
               'as_of', f.as_of,
               'actual_start_on', r.actual_start_on,
               'suspended_since', r.suspended_since,
               'idle_suspended_years', f.idle_suspended_years,
               'idle_years', r.idle_years,
               'area_m2', r.area_m2,
               'developed_area_m2', r.developed_area_m2,
               'developed_share', r.developed_area_m2 / r.area_m2,
               'developed_share_limit', f.idle_developed_share,
               'developed_below_limit', r.developed_low,
               'total_investment_yuan', r.total_investment,
               'invested_amount_yuan', r.invested_amount,
               'invested_share', r.invested_amount / nullif(r.total_investment, 0),
               'invested_share_limit', f.idle_invested_share,
               'invested_below_limit', r.invested_low,
               'idle_cause', r.idle_cause,
               'determination_no', r.determination_no,
               'determined_on', r.determined_on,
               'land_price_yuan', r.land_price,
               'idle_fee_rate', CASE WHEN r.recommendation = 'fee' THEN f.idle_fee_rate END)
       END AS evidence
FROM recommended r
CROSS JOIN flag_params f;

INSERT INTO runs.parcel_flags (run_id, holder_uscc, parcel_id, flag_code, cert_no, holder_name, region_code, area_m2,
                               since, years, recommendation, idle_fee_yuan, evidence)
SELECT f.run_id, i.holder_uscc, i.parcel_id, i.flag_code, i.cert_no, i.holder_name, i.region_code, i.area_m2,
       i.since, i.idle_years, i.recommendation, i.idle_fee_yuan, i.evidence
FROM flag_idle i
CROSS JOIN flag_params f;

-- IDLE-2 undecided (core.idle_parcels: started and suspended long enough, but neither side has
-- both its values), with what was missing.
INSERT INTO flag_undecided (parcel_id, test, missing)
SELECT s.parcel_id, i.code,
       array_remove(ARRAY[
           CASE WHEN s.developed_area_m2 IS NULL THEN 'parcel.developed_area_m2' END,
           CASE WHEN s.invested_amount IS NULL THEN 'parcel.invested_amount' END,
           CASE WHEN s.total_investment IS NULL THEN 'parcel.total_investment' END], NULL)
FROM flag_idle_rule i
JOIN flag_scope s ON s.parcel_id = i.parcel_id
WHERE NOT i.decided;

ANALYZE flag_idle;
