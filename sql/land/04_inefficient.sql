-- Land flags, step 4: inefficient industrial land 低效工业用地 (spec land.md "Inefficient";
-- details.md #30–#34, #53–#55, #58).
-- Source: seed 003_a0174000c3a42330.txt 二(二) 1–5 (旌德: "未达到闲置土地认定标准" — only parcels
--   that are not idle are judged; a parcel whose idle test is undecided counts as not idle).
--   Also seed 000_a812d8cbf2a193c8.txt 二(一)1 (国家产业政策规定的禁止类、淘汰类产业用地) for INEFF-5.
--
-- INEFF-1 停工停产 (二(二)1): (a) started, not in production, suspended_since + idle_suspended_years
--   (1) years ≤ D ("停工1年及以上"); or (b) in production and the holder's power ≤
--   stopped_month_max_kwh (0) in each of the last stopped_months (24) complete months
--   ("竣工投产后，连续停产满2年").
-- INEFF-2 未按约定建设 (二(二)2): started, not in production, agreed_completion_on < D; an empty
--   agreed_completion_on leaves it undecided (details.md #32).
-- INEFF-3 亩均税收低 (二(二)3): production_start_on + ineff3_min_production_years (3) years ≤ D, and
--   the mean of the holder's per-mu tax in the two calendar years before D's year is below
--   min_tax_per_mu_yuan (10 000 yuan/mu); the per-mu tax is made in 03_holder_inputs.sql.
-- INEFF-4 司法处置且停产 (二(二)4): judicially seized, and (the holder's power ≤ stopped_month_max_kwh
--   in each of the last seizure_stopped_months (6) complete months, or the holder's registry
--   status is suspended, revoked or deregistered). No production condition (details.md #34).
-- INEFF-5 淘汰类或僵尸企业 (二(二)5; 四(二)5 僵尸企业): the holder's industry_code starts with one of
--   the policy's prohibited_industries (empty by default: matches nothing), or the holder is
--   revoked or deregistered in the registry and still holds the parcel.
-- Three-valued logic (details.md #32): each test is written with SQL's AND/OR, which are
--   three-valued, over facts that are NULL when unknown; a test that the known values decide
--   is decided (one month with power decides "not stopped"), a NULL result is undecided and
--   goes to UNKNOWN with what was missing. A parcel can carry several INEFF codes.

CREATE TEMP TABLE flag_ineff ON COMMIT DROP AS
WITH facts AS (
    SELECT s.*,
           p.accounts AS power_accounts,
           p.stopped,
           p.seizure_stopped,
           p.missing_stopped_window,
           p.missing_seizure_window,
           k.stopped_window_kwh,
           k.seizure_window_kwh,
           t.tax_low,
           t.missing AS tax_missing,
           t.year_1, t.tax_1, t.land_1, t.year_2, t.tax_2, t.land_2,
           coalesce(s.production_start_on + make_interval(years => f.ineff3_min_production_years) <= f.as_of, false)
               AS producing_long_enough,
           -- NULL when the holder is not in the registry (details.md #55).
           s.holder_status IN ('suspended', 'revoked', 'deregistered') AS status_stopped,
           s.holder_status IN ('revoked', 'deregistered') AS status_gone,
           CASE WHEN cardinality(f.prohibited_industries) = 0 THEN false
                WHEN NOT s.holder_registered THEN NULL
                ELSE s.holder_industry LIKE ANY (f.prohibited_patterns)
           END AS prohibited
    FROM flag_scope s
    CROSS JOIN flag_params f
    LEFT JOIN flag_idle i ON i.parcel_id = s.parcel_id
    LEFT JOIN flag_holder_power p ON p.uscc = s.holder_uscc
    LEFT JOIN flag_stopped_kwh k ON k.uscc = s.holder_uscc
    LEFT JOIN flag_holder_tax t ON t.uscc = s.holder_uscc
    WHERE i.parcel_id IS NULL
)
SELECT x.*,
       x.started AND NOT x.in_production AND x.suspended_long_enough AS ineff1_a,
       (x.started AND NOT x.in_production AND x.suspended_long_enough) OR (x.in_production AND x.stopped) AS ineff1,
       x.started AND NOT x.in_production AND x.agreed_completion_on < f.as_of AS ineff2,
       x.producing_long_enough AND x.tax_low AS ineff3,
       x.judicial_seizure AND (x.status_stopped OR x.seizure_stopped) AS ineff4,
       x.prohibited OR x.status_gone AS ineff5
FROM facts x
CROSS JOIN flag_params f;

-- The evidence is built for the rows that are flagged only (a JSON object per parcel and test
-- would cost more than the tests themselves).
INSERT INTO runs.parcel_flags (run_id, holder_uscc, parcel_id, flag_code, cert_no, holder_name, region_code, area_m2,
                               evidence)
SELECT f.run_id, x.holder_uscc, x.parcel_id, v.flag_code, x.cert_no, x.holder_name, x.region_code, x.area_m2,
       CASE v.flag_code
       WHEN 'INEFF-1' THEN
           CASE WHEN x.ineff1_a THEN jsonb_build_object(
               'test', 'a: started, not in production, suspended_since + idle_suspended_years years <= as_of',
               'as_of', f.as_of,
               'actual_start_on', x.actual_start_on,
               'production_start_on', x.production_start_on,
               'suspended_since', x.suspended_since,
               'idle_suspended_years', f.idle_suspended_years)
           ELSE jsonb_build_object(
               'test', 'b: in production and the holder''s power <= stopped_month_max_kwh in each of the last '
                       || f.stopped_months || ' complete months',
               'as_of', f.as_of,
               'production_start_on', x.production_start_on,
               'power_accounts', x.power_accounts,
               'stopped_month_max_kwh', f.stopped_month_max_kwh,
               'monthly_kwh', x.stopped_window_kwh) END
       WHEN 'INEFF-2' THEN jsonb_build_object(
           'test', 'started, not in production, agreed_completion_on < as_of',
           'as_of', f.as_of,
           'actual_start_on', x.actual_start_on,
           'production_start_on', x.production_start_on,
           'agreed_completion_on', x.agreed_completion_on)
       WHEN 'INEFF-3' THEN jsonb_build_object(
           'test', 'production_start_on + ' || f.ineff3_min_production_years
                   || ' years <= as_of and the mean per-mu tax of the two years before is below the minimum',
           'as_of', f.as_of,
           'production_start_on', x.production_start_on,
           'years', jsonb_build_object(
               x.year_1::text, jsonb_build_object('tax_yuan', x.tax_1, 'land_m2', x.land_1, 'land_mu', x.land_1 * 15 / 10000,
                                                  'tax_per_mu_yuan', x.tax_1 * 10000 / (x.land_1 * 15)),
               x.year_2::text, jsonb_build_object('tax_yuan', x.tax_2, 'land_m2', x.land_2, 'land_mu', x.land_2 * 15 / 10000,
                                                  'tax_per_mu_yuan', x.tax_2 * 10000 / (x.land_2 * 15))),
           'mean_tax_per_mu_yuan', (x.tax_1 * 10000 / (x.land_1 * 15) + x.tax_2 * 10000 / (x.land_2 * 15)) / 2,
           'min_tax_per_mu_yuan', f.min_tax_per_mu_yuan,
           'excluded_taxes', f.ineff3_tax_excludes)
       WHEN 'INEFF-4' THEN jsonb_build_object(
           'test', 'judicial_seizure and (the holder''s power <= stopped_month_max_kwh in each of the last '
                   || f.seizure_stopped_months || ' complete months, or holder status suspended/revoked/deregistered)',
           'as_of', f.as_of,
           'judicial_seizure', x.judicial_seizure,
           'holder_status', x.holder_status,
           'power_accounts', x.power_accounts,
           'stopped_month_max_kwh', f.stopped_month_max_kwh,
           'power_stopped', x.seizure_stopped,
           'monthly_kwh', CASE WHEN x.seizure_stopped THEN x.seizure_window_kwh END)
       WHEN 'INEFF-5' THEN jsonb_build_object(
           'test', 'holder industry in prohibited_industries, or holder revoked/deregistered',
           'as_of', f.as_of,
           'holder_status', x.holder_status,
           'holder_industry', x.holder_industry,
           'prohibited_industries', to_jsonb(f.prohibited_industries),
           'industry_prohibited', x.prohibited)
       END
FROM flag_ineff x
CROSS JOIN flag_params f
CROSS JOIN LATERAL (VALUES ('INEFF-1', x.ineff1), ('INEFF-2', x.ineff2), ('INEFF-3', x.ineff3), ('INEFF-4', x.ineff4),
                           ('INEFF-5', x.ineff5)) AS v(flag_code, result)
WHERE v.result;

INSERT INTO flag_undecided (parcel_id, test, missing)
SELECT x.parcel_id, v.test, v.missing
FROM flag_ineff x
CROSS JOIN LATERAL (VALUES
    ('INEFF-1', x.ineff1, x.missing_stopped_window),
    ('INEFF-2', x.ineff2, ARRAY['parcel.agreed_completion_on']),
    ('INEFF-3', x.ineff3, x.tax_missing),
    ('INEFF-4', x.ineff4,
        CASE WHEN x.status_stopped IS NULL THEN ARRAY['registry.status'] ELSE '{}' END
        || CASE WHEN x.seizure_stopped IS NULL THEN x.missing_seizure_window ELSE '{}' END),
    ('INEFF-5', x.ineff5,
        CASE WHEN x.status_gone IS NULL THEN ARRAY['registry.status'] ELSE '{}' END
        || CASE WHEN x.prohibited IS NULL THEN ARRAY['registry.industry_code'] ELSE '{}' END)
) AS v(test, result, missing)
WHERE v.result IS NULL;
