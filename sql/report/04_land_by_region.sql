-- Report: idle and inefficient area by township (mu) in the current flag run (the latest
-- run of the latest as-of date), against the disposal task of that run's year
-- (mart.disposal_progress: base on 1 January, resolved since, target ratio). A parcel with
-- several INEFF codes counts once.
WITH run AS (
    SELECT max(run_id) AS run_id, max(as_of) AS as_of FROM runs.flag_runs
    WHERE as_of = (SELECT max(as_of) FROM runs.flag_runs)
), flagged AS (
    SELECT f.region_code,
           CASE WHEN f.flag_code LIKE 'IDLE-%' THEN 'idle' ELSE 'ineff' END AS kind,
           f.parcel_id, max(f.area_m2) AS area_m2
    FROM runs.parcel_flags f JOIN run USING (run_id)
    WHERE f.flag_code LIKE 'IDLE-%' OR f.flag_code LIKE 'INEFF-%'
    GROUP BY 1, 2, 3
), areas AS (
    SELECT region_code, kind, sum(area_m2) * 15 / 10000 AS flagged_mu, count(*) AS parcels
    FROM flagged GROUP BY 1, 2
)
SELECT coalesce(a.region_code, d.region_code) AS region_code,
       coalesce(a.kind, d.kind) AS kind,
       coalesce(a.flagged_mu, 0) AS flagged_mu,
       coalesce(a.parcels, 0) AS parcels,
       d.base_mu, d.resolved_mu, d.target_ratio, d.progress_ratio
FROM areas a
FULL JOIN (SELECT p.* FROM mart.disposal_progress p, run WHERE p.year = extract(year FROM run.as_of)::int) d
       ON d.region_code = a.region_code AND d.kind = a.kind
ORDER BY coalesce(a.region_code, d.region_code) COLLATE "C", 2
