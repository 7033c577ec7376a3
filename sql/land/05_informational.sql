-- Land flags, step 5: informational flags, on no list by default (spec land.md "Informational
-- flags"; details.md #36, #58). Judged for every parcel in scope, idle ones included.
--
-- LOWFAR 容积率不达标 — seed 004_bd1df3fa65076c87.txt 一(一) (淮南: "2023年起…新上工业项目用地容积率
--   一般不低于1.0"): supplied_on ≥ lowfar_since (2023-01-01), in production, and
--   floor_area_m2 / area_m2 < min_plot_ratio (1.0), compared as floor_area_m2 < area_m2 × ratio.
--   An unknown floor area leaves it undecided → UNKNOWN.
-- SPLIT 可分割回购 — seed 003_a0174000c3a42330.txt 四(二)3 (旌德: "宗地内连片空闲土地超过5亩的进行分割"):
--   in production and area_m2 − developed_area_m2 > split_min_undeveloped_mu (5) mu, compared in
--   m² as (area − developed) × 15 > 5 × 10000 ("超过" is exclusive: domain.md). An unknown
--   developed area leaves it undecided → UNKNOWN.

CREATE TEMP TABLE flag_informational ON COMMIT DROP AS
SELECT s.*,
       s.supplied_on >= f.lowfar_since AND s.in_production AND s.floor_area_m2 < s.area_m2 * f.min_plot_ratio AS lowfar,
       s.in_production AND (s.area_m2 - s.developed_area_m2) * 15 > f.split_min_undeveloped_mu * 10000 AS split
FROM flag_scope s
CROSS JOIN flag_params f;

INSERT INTO runs.parcel_flags (run_id, holder_uscc, parcel_id, flag_code, cert_no, holder_name, region_code, area_m2,
                               evidence)
SELECT f.run_id, x.holder_uscc, x.parcel_id, v.flag_code, x.cert_no, x.holder_name, x.region_code, x.area_m2,
       CASE v.flag_code
       WHEN 'LOWFAR' THEN jsonb_build_object(
           'test', 'supplied_on >= lowfar_since, in production, floor_area_m2 / area_m2 < min_plot_ratio',
           'as_of', f.as_of,
           'supplied_on', x.supplied_on,
           'lowfar_since', f.lowfar_since,
           'production_start_on', x.production_start_on,
           'floor_area_m2', x.floor_area_m2,
           'area_m2', x.area_m2,
           'plot_ratio', x.floor_area_m2 / x.area_m2,
           'min_plot_ratio', f.min_plot_ratio)
       WHEN 'SPLIT' THEN jsonb_build_object(
           'test', 'in production and area_m2 - developed_area_m2 > split_min_undeveloped_mu mu',
           'as_of', f.as_of,
           'production_start_on', x.production_start_on,
           'area_m2', x.area_m2,
           'developed_area_m2', x.developed_area_m2,
           'undeveloped_m2', x.area_m2 - x.developed_area_m2,
           'undeveloped_mu', (x.area_m2 - x.developed_area_m2) * 15 / 10000,
           'split_min_undeveloped_mu', f.split_min_undeveloped_mu)
       END
FROM flag_informational x
CROSS JOIN flag_params f
CROSS JOIN LATERAL (VALUES ('LOWFAR', x.lowfar), ('SPLIT', x.split)) AS v(flag_code, result)
WHERE v.result;

INSERT INTO flag_undecided (parcel_id, test, missing)
SELECT x.parcel_id, v.test, v.missing
FROM flag_informational x
CROSS JOIN LATERAL (VALUES
    ('LOWFAR', x.lowfar, ARRAY['parcel.floor_area_m2']),
    ('SPLIT', x.split, ARRAY['parcel.developed_area_m2'])
) AS v(test, result, missing)
WHERE v.result IS NULL;
