-- Lists: mortgage-freeze (暂停不动产登记清单, for the real-estate registration centre): one row per
-- parcel flagged idle (IDLE-*) or inefficient (INEFF-*) in the flag run, whatever the idle cause
-- (details.md #45); its transfer, lease, mortgage and change registration are suspended.
-- Sources: seed 003_a0174000c3a42330.txt 五(三)4 (旌德: 对被认定为闲置低效工业用地的企业，暂缓办理
--   转让、出租、抵押和变更登记等手续); seed 000_a812d8cbf2a193c8.txt 三(二)5 (淮安: 自然资源主管部门不得
--   受理被认定为闲置土地的转让、出租、抵押和变更登记); the codes: 闲置土地处置办法 第二条 and seed 003
--   二(一), 二(二) (spec land.md).
--
-- The parcels, their codes and the parcel row the flag run saw: flagged_parcels.sql.
-- flag_codes: the parcel's IDLE-*/INEFF-* codes, ';'-separated, sorted (details.md #43, #48).
-- Which parcels: under land.require_determination (default; procedure.md §3, details.md #87,
--   #121) only parcels determined by the list date (core.determined), of any cause, dated by
--   their determined_on; the suspected ones are on the verification list instead. Without it
--   (edition 1): every flagged parcel, or with lists.freeze_requires_determination (details.md
--   #50) only those with a determination number, dated by the flag run's as-of date.
-- holder_name: the registry's current name, else the parcels extract's (details.md #48).
-- region_code: the parcel's.

INSERT INTO runs.list_rows (export_id, list, list_date, key, uscc, region_code, reason_codes, surcharge,
                            enterprise_name, effective_from, basis, parcel_id, cert_no, area_m2,
                            determination_no, frozen_acts)
SELECT c.export_id, c.list, c.list_date, x.parcel_id, x.holder_uscc, x.region_code,
       array_to_string(x.codes, ';'), NULL, x.holder_name,
       CASE WHEN c.require_determination THEN x.determined_on ELSE c.flag_as_of END, pg_temp.list_basis_text(x.codes),
       x.parcel_id, x.cert_no, x.area_m2, x.determination_no, '转让;出租;抵押;变更登记'
FROM list_parcels x
CROSS JOIN list_context c
WHERE CASE WHEN c.require_determination THEN x.determined
           ELSE NOT coalesce((c.policy #>> '{lists,freeze_requires_determination}')::boolean, false)
                OR x.determination_no IS NOT NULL END;
