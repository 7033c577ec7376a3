-- Land flags, step 7: resolution 销号 (spec land.md "Disposal progress"; details.md #62).
-- Sources: seed 004_bd1df3fa65076c87.txt 附件2 (处置任务: 任务基数, 处置比例, 处置目标);
--   seed 002_32db2fb0d19ac012.txt 四3 ("对符合销号标准的，及时予以销号") and 五(二) (销号管理);
--   seed 000_a812d8cbf2a193c8.txt 七(二) ("实行'销号'制").
--
-- The run before this one is the current run (the latest made) of the latest as-of date before
-- this run's date. A parcel is open after it when it was flagged IDLE-*/INEFF-* there, or was
-- carried there (flagged earlier, undecided then). Against this run, an open parcel is:
--   still flagged   some IDLE-*/INEFF-* code remains: nothing to record;
--   undecided       no such code, but an IDLE-*/INEFF-* test is undecided (UNKNOWN): an UNKNOWN
--                   resolves nothing, so the parcel is carried, still open, to the next run;
--   resolved (销号) otherwise: recorded as resolved on this run's as-of date, with the codes it
--                   had and the run that last flagged it.
-- LOWFAR and SPLIT are informational and are neither opened nor resolved.

CREATE TEMP TABLE flag_previous_run ON COMMIT DROP AS
SELECT r.run_id
FROM runs.current_flag_runs r
CROSS JOIN flag_params f
WHERE r.as_of < f.as_of
ORDER BY r.as_of DESC
LIMIT 1;

CREATE TEMP TABLE flag_open_before ON COMMIT DROP AS
SELECT pf.holder_uscc, pf.parcel_id, p.run_id AS previous_run_id,
       CASE WHEN bool_or(pf.flag_code LIKE 'IDLE-%') THEN 'idle' ELSE 'ineff' END AS kind,
       array_agg(pf.flag_code ORDER BY pf.flag_code) AS codes,
       min(pf.region_code) AS region_code,
       min(pf.area_m2) AS area_m2,
       p.run_id AS flagged_run_id
FROM runs.parcel_flags pf
JOIN flag_previous_run p ON p.run_id = pf.run_id
WHERE pf.flag_code LIKE 'IDLE-%' OR pf.flag_code LIKE 'INEFF-%'
GROUP BY pf.holder_uscc, pf.parcel_id, p.run_id
UNION ALL
SELECT c.holder_uscc, c.parcel_id, p.run_id, c.kind, c.codes, c.region_code, c.area_m2, c.flagged_run_id
FROM runs.parcel_flags_carried c
JOIN flag_previous_run p ON p.run_id = c.run_id;

CREATE TEMP TABLE flag_open_now ON COMMIT DROP AS
SELECT DISTINCT pf.parcel_id, 'flagged'::text AS state
FROM runs.parcel_flags pf
CROSS JOIN flag_params f
WHERE pf.run_id = f.run_id
  AND (pf.flag_code LIKE 'IDLE-%' OR pf.flag_code LIKE 'INEFF-%');

INSERT INTO flag_open_now (parcel_id, state)
SELECT DISTINCT u.parcel_id, 'undecided'
FROM flag_undecided u
LEFT JOIN flag_open_now n ON n.parcel_id = u.parcel_id
WHERE (u.test LIKE 'IDLE-%' OR u.test LIKE 'INEFF-%')
  AND n.parcel_id IS NULL;

INSERT INTO runs.parcel_resolutions (run_id, holder_uscc, parcel_id, resolved_on, kind, codes, region_code, area_m2,
                                     previous_run_id, flagged_run_id)
SELECT f.run_id, o.holder_uscc, o.parcel_id, f.as_of, o.kind, o.codes, o.region_code, o.area_m2,
       o.previous_run_id, o.flagged_run_id
FROM flag_open_before o
CROSS JOIN flag_params f
LEFT JOIN flag_open_now n ON n.parcel_id = o.parcel_id
WHERE n.parcel_id IS NULL;

INSERT INTO runs.parcel_flags_carried (run_id, holder_uscc, parcel_id, kind, codes, region_code, area_m2, flagged_run_id)
SELECT f.run_id, o.holder_uscc, o.parcel_id, o.kind, o.codes, o.region_code, o.area_m2, o.flagged_run_id
FROM flag_open_before o
CROSS JOIN flag_params f
JOIN flag_open_now n ON n.parcel_id = o.parcel_id AND n.state = 'undecided';
