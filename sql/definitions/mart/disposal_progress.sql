-- Disposal progress (处置进度, seed 004 附件2; details.md #62). For year Y:
--   base run   the current run of the latest as-of date on or before Y-01-01, else the first
--              current run of Y;
--   base_mu    the area (mu) flagged IDLE-* (kind idle) or INEFF-* (kind ineff) in the base run,
--              per the parcel's region; the policy's targets.regions.<region>.base_idle_mu /
--              base_ineff_mu replaces it when set (a task base handed down from above);
--   resolved_mu the area of those base parcels resolved (销号) by a current run dated after the
--              base run and no later than Y-12-31 (a parcel counts once);
--   target_ratio targets.idle_disposal_ratio (25 %) or targets.ineff_disposal_ratio (none by
--              default), from the profile of the latest current run dated no later than Y-12-31;
--   progress_ratio resolved_mu / (base_mu × target_ratio): 1 means the year's target is met.
-- 批而未供 is out of scope: no extract carries it (details.md #62).
CREATE OR REPLACE VIEW mart.disposal_progress WITH (security_barrier) AS
WITH current_runs AS (
    SELECT run_id, as_of, policy_sha256 FROM runs.current_flag_runs
), years AS (
    SELECT generate_series(min(extract(year FROM as_of))::int, max(extract(year FROM as_of))::int) AS year
    FROM current_runs
), base_candidates AS (
    SELECT y.year, c.run_id, c.as_of,
           CASE WHEN c.as_of <= make_date(y.year, 1, 1) THEN 0 ELSE 1 END AS preference
    FROM years y
    JOIN current_runs c ON c.as_of <= make_date(y.year, 12, 31)
), base AS (
    -- The latest on or before 1 January; else the earliest of the year.
    SELECT DISTINCT ON (year) year, run_id AS base_run_id, as_of AS base_as_of
    FROM base_candidates
    ORDER BY year, preference, CASE WHEN preference = 0 THEN as_of END DESC, as_of
), year_policy AS (
    SELECT DISTINCT ON (y.year) y.year, p.content
    FROM years y
    JOIN current_runs c ON c.as_of <= make_date(y.year, 12, 31)
    JOIN runs.policy_profiles p ON p.sha256 = c.policy_sha256
    ORDER BY y.year, c.as_of DESC
), base_parcels AS (
    SELECT b.year, b.base_as_of, f.parcel_id,
           CASE WHEN bool_or(f.flag_code LIKE 'IDLE-%') THEN 'idle' ELSE 'ineff' END AS kind,
           min(f.region_code) AS region_code,
           min(f.area_m2) AS area_m2
    FROM base b
    JOIN runs.parcel_flags f ON f.run_id = b.base_run_id
    WHERE f.flag_code LIKE 'IDLE-%' OR f.flag_code LIKE 'INEFF-%'
    GROUP BY b.year, b.base_as_of, f.parcel_id
), resolved AS (
    SELECT DISTINCT bp.year, bp.parcel_id
    FROM base_parcels bp
    JOIN runs.parcel_resolutions r ON r.parcel_id = bp.parcel_id
    JOIN current_runs c ON c.run_id = r.run_id
    WHERE c.as_of > bp.base_as_of
      AND c.as_of <= make_date(bp.year, 12, 31)
), flagged AS (
    SELECT bp.year, bp.region_code, bp.kind,
           sum(bp.area_m2) * 15 / 10000 AS base_mu,
           coalesce(sum(bp.area_m2) FILTER (WHERE r.parcel_id IS NOT NULL), 0) * 15 / 10000 AS resolved_mu
    FROM base_parcels bp
    LEFT JOIN resolved r ON r.year = bp.year AND r.parcel_id = bp.parcel_id
    GROUP BY bp.year, bp.region_code, bp.kind
), overrides AS (
    SELECT yp.year, rg.key AS region_code, k.kind, (rg.value ->> k.key)::numeric AS base_mu
    FROM year_policy yp
    CROSS JOIN jsonb_each(coalesce(yp.content #> '{targets,regions}', '{}')) AS rg
    CROSS JOIN (VALUES ('idle', 'base_idle_mu'), ('ineff', 'base_ineff_mu')) AS k(kind, key)
    WHERE rg.value ->> k.key IS NOT NULL
), combined AS (
    SELECT coalesce(fl.year, o.year) AS year,
           coalesce(fl.region_code, o.region_code) AS region_code,
           coalesce(fl.kind, o.kind) AS kind,
           coalesce(o.base_mu, fl.base_mu) AS base_mu,
           coalesce(fl.resolved_mu, 0) AS resolved_mu
    FROM flagged fl
    FULL JOIN overrides o ON o.year = fl.year AND o.region_code = fl.region_code AND o.kind = fl.kind
)
SELECT c.year,
       c.region_code,
       c.kind,
       c.base_mu,
       c.resolved_mu,
       t.target_ratio,
       c.resolved_mu / nullif(c.base_mu * t.target_ratio, 0) AS progress_ratio
FROM combined c
JOIN year_policy yp ON yp.year = c.year
CROSS JOIN LATERAL (SELECT CASE c.kind WHEN 'idle' THEN (yp.content #>> '{targets,idle_disposal_ratio}')::numeric
                                       ELSE (yp.content #>> '{targets,ineff_disposal_ratio}')::numeric END
                           AS target_ratio) AS t
WHERE NOT mart.region_restricted()
   OR c.region_code IN (SELECT region_code FROM runs.login_regions);

COMMENT ON VIEW mart.disposal_progress IS
    '处置进度：每年每区划闲置与低效用地的任务基数、已销号面积、目标比例与完成进度 / disposal progress per year, region and kind: base area, area resolved, target ratio and progress against it';
COMMENT ON COLUMN mart.disposal_progress.year IS '年度 / year';
COMMENT ON COLUMN mart.disposal_progress.region_code IS '区划代码（宗地所属）/ region code of the parcels';
COMMENT ON COLUMN mart.disposal_progress.kind IS 'idle 闲置土地（IDLE-*）/ ineff 低效工业用地（INEFF-*）/ kind: idle (IDLE-*) or ineff (INEFF-*)';
COMMENT ON COLUMN mart.disposal_progress.base_mu IS
    '任务基数（亩）：1月1日（或之前最近一次；无则当年首次）认定运行中的认定面积；政策文件 targets.regions 可指定 / task base in mu: area flagged in the latest run on or before 1 January (else the first run of the year), or the policy''s targets.regions override';
COMMENT ON COLUMN mart.disposal_progress.resolved_mu IS '已销号面积（亩）：基数中于当年此后运行销号的宗地面积 / area resolved (mu): base parcels resolved by a later run of the year';
COMMENT ON COLUMN mart.disposal_progress.target_ratio IS '年度处置比例目标（闲置默认 25%，低效默认无）/ the policy''s yearly disposal ratio (idle 25 % by default; ineff none)';
COMMENT ON COLUMN mart.disposal_progress.progress_ratio IS '完成进度 = 已销号面积 ÷（任务基数 × 处置比例），1 即完成目标；无目标时为空 / progress = resolved_mu / (base_mu × target_ratio); 1 means the target is met; empty without a target';
