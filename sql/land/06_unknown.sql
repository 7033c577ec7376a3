-- Land flags, step 6: UNKNOWN — tests the data could not decide (spec land.md "Date arithmetic"
-- and "Informational flags"; details.md #32, #55, #58, #59).
-- A test that needs an unknown value is not met, and the parcel is listed under UNKNOWN with
-- what is missing, so that a data gap is visible instead of silently passing a parcel.
-- One UNKNOWN row per parcel at most: its evidence names every undecided test and, for each,
-- what was missing:
--   parcel.<column>              an empty field of the parcels extract
--   registry.status / registry.industry_code   the holder is not in the registry
--   power.linked_account         no power account is linked to the holder
--   power.account_rows:<no>      a linked account with no power row at all (details.md #59)
--   power.month:YYYY-MM          no applied power batch holds that month (details.md #28)
--   tax.month:YYYY-MM            no applied tax batch holds that month (details.md #54)
--   land.year_end:YYYY           the holder had no industrial land at that year's end (details.md #34)
-- e.g. {"as_of": "2025-12-31", "undecided": {"INEFF-1": {"missing": ["power.linked_account"]}}}

INSERT INTO runs.parcel_flags (run_id, holder_uscc, parcel_id, flag_code, cert_no, holder_name, region_code, area_m2,
                               evidence)
SELECT f.run_id, s.holder_uscc, s.parcel_id, 'UNKNOWN', s.cert_no, s.holder_name, s.region_code, s.area_m2,
       jsonb_build_object('as_of', f.as_of,
                          'undecided', jsonb_object_agg(u.test, jsonb_build_object('missing', to_jsonb(u.missing))))
FROM flag_undecided u
JOIN flag_scope s ON s.parcel_id = u.parcel_id
CROSS JOIN flag_params f
GROUP BY f.run_id, f.as_of, s.holder_uscc, s.parcel_id, s.cert_no, s.holder_name, s.region_code, s.area_m2;
