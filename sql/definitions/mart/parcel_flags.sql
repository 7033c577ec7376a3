-- The rows of the current run of each as-of date (runs.current_flag_runs; spec land.md).
CREATE OR REPLACE VIEW mart.parcel_flags WITH (security_barrier) AS
SELECT c.as_of,
       f.run_id,
       f.parcel_id,
       f.cert_no,
       f.holder_uscc,
       f.holder_name,
       f.region_code,
       f.area_m2,
       f.area_m2 * 15 / 10000 AS area_mu,
       f.flag_code,
       f.since,
       f.years,
       f.recommendation,
       f.idle_fee_yuan,
       f.evidence
FROM runs.current_flag_runs c
JOIN runs.parcel_flags f ON f.run_id = c.run_id
WHERE NOT mart.region_restricted()
   OR f.region_code IN (SELECT region_code FROM runs.login_regions);

COMMENT ON VIEW mart.parcel_flags IS
    '闲置低效用地认定结果：每个认定基准日的现行运行，每宗地每个标志一行 / idle and inefficient parcel flags: the current run of each as-of date, one row per parcel and flag code';
COMMENT ON COLUMN mart.parcel_flags.as_of IS '认定基准日 / the date the parcels were judged as of';
COMMENT ON COLUMN mart.parcel_flags.run_id IS '认定运行编号（该日期的现行运行）/ flag run id (the current run of that date)';
COMMENT ON COLUMN mart.parcel_flags.parcel_id IS '宗地代码 / parcel id (宗地代码 or 不动产单元号)';
COMMENT ON COLUMN mart.parcel_flags.cert_no IS '不动产权证号 / land certificate number';
COMMENT ON COLUMN mart.parcel_flags.holder_uscc IS '土地使用权人统一社会信用代码 / the holder''s unified social credit code';
COMMENT ON COLUMN mart.parcel_flags.holder_name IS '土地使用权人名称（企业登记现行名称，否则宗地抽取中的名称）/ holder name: the registry''s current name, else the parcels extract''s';
COMMENT ON COLUMN mart.parcel_flags.region_code IS '宗地所属区划代码 / the parcel''s region code';
COMMENT ON COLUMN mart.parcel_flags.area_m2 IS '宗地面积（平方米）/ parcel area in m²';
COMMENT ON COLUMN mart.parcel_flags.area_mu IS '宗地面积（亩，= 平方米 × 15 / 10000，全精度）/ parcel area in mu (m² × 15 / 10000, full precision)';
COMMENT ON COLUMN mart.parcel_flags.flag_code IS
    '认定标志：IDLE-1 未动工、IDLE-2 中止开发、INEFF-1 停工停产、INEFF-2 未按约定建设、INEFF-3 亩均税收低、INEFF-4 司法处置且停产、INEFF-5 淘汰类或僵尸企业、LOWFAR 容积率不达标、SPLIT 可分割回购、UNKNOWN 数据缺失无法判定 / flag code (see docs/land-rules.md)';
COMMENT ON COLUMN mart.parcel_flags.since IS '闲置起算日（仅 IDLE-*：约定动工日或中止开发日）/ idle since (IDLE-* only: agreed start or suspension date)';
COMMENT ON COLUMN mart.parcel_flags.years IS '闲置满年数（仅 IDLE-*：起算日加 n 年不晚于基准日的最大 n）/ whole idle years (IDLE-* only: largest n with since + n years ≤ as_of)';
COMMENT ON COLUMN mart.parcel_flags.recommendation IS
    '处置建议（仅 IDLE-*）：fee 征收土地闲置费、recover 无偿收回、negotiate 协商处置 / recommendation (IDLE-* only): fee, recover or negotiate';
COMMENT ON COLUMN mart.parcel_flags.idle_fee_yuan IS '土地闲置费（元，= 闲置费率 × 土地价款，保留两位；仅 fee）/ idle fee in yuan (rate × land price, 2 dp; fee rows only; empty when the land price is unknown)';
COMMENT ON COLUMN mart.parcel_flags.evidence IS
    '认定依据（JSON：日期、比例、逐月用电量或逐年亩均税收；UNKNOWN 行列出无法判定的标志及缺失数据）/ evidence as JSON: the dates, ratios, monthly kWh or yearly per-mu tax that decided it; for UNKNOWN, each undecided test and what was missing';
