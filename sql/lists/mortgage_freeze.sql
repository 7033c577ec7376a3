-- Lists: mortgage-freeze (暂停不动产登记清单, for the real-estate registration centre): one row per
-- parcel flagged idle (IDLE-*) or inefficient (INEFF-*) in the flag run, whatever the idle cause
-- (details.md #45); its transfer, lease, mortgage and change registration are suspended.
-- Sources: seed 003_a0174000c3a42330.txt 五(三)4 (旌德: 对被认定为闲置低效工业用地的企业，暂缓办理
--   转让、出租、抵押和变更登记等手续); seed 000_a812d8cbf2a193c8.txt 三(二)5 (淮安: 自然资源主管部门不得
--   受理被认定为闲置土地的转让、出租、抵押和变更登记); the codes: 闲置土地处置办法 第二条 and seed 003
--   二(一), 二(二) (spec land.md).
--
-- flag_codes: the parcel's IDLE-*/INEFF-* codes only (LOWFAR, SPLIT and UNKNOWN are not on the
--   list), ';'-separated, sorted (details.md #43, #48).
-- The parcel as the flag run saw it: its latest row among the batches the run saw
--   (batch_id ≤ flag_runs.last_batch_id), for cert_no and determination_no.
-- freeze_requires_determination (profile `lists.freeze_requires_determination`, off by default,
--   details.md #50): only parcels with a determination document number (认定书编号).
-- holder_name: the registry's current name, else the parcels extract's (details.md #48).
-- region_code: the parcel's. effective_from: the flag run's as-of date.

INSERT INTO runs.list_rows (export_id, list, list_date, key, uscc, region_code, reason_codes, surcharge,
                            enterprise_name, effective_from, basis, parcel_id, cert_no, area_m2,
                            determination_no, frozen_acts)
WITH flagged AS (
    SELECT f.parcel_id, f.holder_uscc,
           min(f.region_code) AS region_code,
           min(f.area_m2) AS area_m2,
           min(f.cert_no) AS cert_no,
           min(f.holder_name) AS holder_name,
           array_agg(f.flag_code ORDER BY f.flag_code COLLATE "C") AS codes
    FROM list_context c
    JOIN runs.parcel_flags f ON f.run_id = c.flag_run_id
    WHERE f.flag_code IN ('IDLE-1', 'IDLE-2', 'INEFF-1', 'INEFF-2', 'INEFF-3', 'INEFF-4', 'INEFF-5')
    GROUP BY f.parcel_id, f.holder_uscc
), seen AS (
    SELECT DISTINCT ON (p.parcel_id) p.parcel_id, p.cert_no, p.holder_name, nullif(p.determination_no, '') AS determination_no
    FROM core.parcel_rows p
    CROSS JOIN list_context c
    WHERE p.batch_id <= c.flag_last_batch_id
      AND p.parcel_id IN (SELECT parcel_id FROM flagged)
    ORDER BY p.parcel_id, p.as_of DESC, p.batch_id DESC
)
SELECT c.export_id, c.list, c.list_date, x.parcel_id, x.holder_uscc, x.region_code,
       array_to_string(x.codes, ';'), NULL,
       coalesce(e.name, s.holder_name, x.holder_name), c.flag_as_of, pg_temp.list_basis_text(x.codes),
       x.parcel_id, coalesce(x.cert_no, s.cert_no), x.area_m2, s.determination_no, '转让;出租;抵押;变更登记'
FROM flagged x
CROSS JOIN list_context c
LEFT JOIN seen s ON s.parcel_id = x.parcel_id
LEFT JOIN core.registry_current e ON e.uscc = x.holder_uscc
WHERE NOT coalesce((c.policy #>> '{lists,freeze_requires_determination}')::boolean, false)
   OR s.determination_no IS NOT NULL;
