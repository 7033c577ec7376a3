-- Lists: verification (核查清单, for the natural-resources bureau and the townships): one row per
-- parcel that the list's flag run (the current flag run of the latest as-of ≤ L) flags idle
-- (IDLE-*) or inefficient (INEFF-*) and that is not determined by the list date L — spec
-- procedure.md §3, details.md #89, #101, #106, #108, #122. A finding is a suspicion until the
-- bureau determines it (认定); the bureau investigates these and returns its determinations in
-- the next parcels extract.
-- Sources: 闲置土地处置办法 (国土资源部令第53号) 第八条 (涉嫌闲置的，调查核实); seed
--   003_a0174000c3a42330.txt 三 (旌德: 工作专班参照认定标准全面核查，审定结果书面反馈，一次重新核实机会).
--
-- The parcels, their codes, since, evidence and the parcel row the flag run saw:
--   flagged_parcels.sql.
-- Determined (details.md #101, core.determined): that row has a determination number and a
--   determination date on or before L; a number without a date, or a date without a number, is not a determination. A
--   determination covers every code of the parcel (details.md #108).
-- flag_codes: the parcel's IDLE-*/INEFF-* codes, ';'-separated, sorted (as the freeze list).
-- Written whatever land.require_determination says (details.md #106); sorted region, parcel.

INSERT INTO runs.list_rows (export_id, list, list_date, key, uscc, region_code, reason_codes, surcharge,
                            enterprise_name, effective_from, basis, parcel_id, cert_no, area_m2,
                            determination_no, since, evidence_summary)
SELECT c.export_id, c.list, c.list_date, x.parcel_id, x.holder_uscc, x.region_code,
       array_to_string(x.codes, ';'), NULL, x.holder_name, c.list_date, pg_temp.list_basis_text(x.codes),
       x.parcel_id, x.cert_no, x.area_m2, x.determination_no, x.since, x.evidence_summary
FROM list_parcels x
CROSS JOIN list_context c
WHERE NOT x.determined;
