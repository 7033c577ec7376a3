-- Analysts' view: the rows of the current export of each list and date (the latest published
-- for that list and date: an export killed before its folder was published is not current), filtered by region for region analysts (0007_region_grants.sql).
CREATE OR REPLACE VIEW mart.policy_list_rows WITH (security_barrier) AS
WITH current_exports AS (
    SELECT DISTINCT ON (list, list_date) export_id
    FROM runs.list_exports
    WHERE published_at IS NOT NULL
    ORDER BY list, list_date, export_id DESC
)
SELECT r.list, r.list_date, r.export_id, r.key, r.uscc, r.region_code, r.reason_codes, r.surcharge,
       r.grade, r.effective_from, r.consecutive_d_years, r.measures, r.determination_nos
FROM current_exports c
JOIN runs.list_rows r ON r.export_id = c.export_id
WHERE true
  AND (NOT mart.region_restricted()
       OR r.region_code IN (SELECT region_code FROM runs.login_regions));

COMMENT ON VIEW mart.policy_list_rows IS
    '差别化政策清单行：每个清单每个日期的现行导出，每户号或宗地一行 / differential-policy list rows: the current export of each list and date, one row per account or parcel';
COMMENT ON COLUMN mart.policy_list_rows.list IS
    '清单：electricity 差别电价、water 差别水价、gas 差别气价、mortgage-freeze 暂停不动产登记、verification 核查清单，或政策文件定义的企业清单（如 land-bidding）/ list: electricity, water, gas, mortgage-freeze, verification, or a profile''s enterprise list (e.g. land-bidding)';
COMMENT ON COLUMN mart.policy_list_rows.list_date IS '清单日期 / list date';
COMMENT ON COLUMN mart.policy_list_rows.export_id IS '导出编号（该清单该日期的最新导出）/ export id (the latest export of that list and date)';
COMMENT ON COLUMN mart.policy_list_rows.key IS '户号（电、水）或宗地代码（暂停登记）/ account number (electricity, water) or parcel id (mortgage-freeze)';
COMMENT ON COLUMN mart.policy_list_rows.uscc IS '统一社会信用代码（企业或土地使用权人）/ unified social credit code of the enterprise or parcel holder';
COMMENT ON COLUMN mart.policy_list_rows.region_code IS '区划代码（电、水为企业的，暂停登记为宗地的）/ region code: the enterprise''s on electricity/water, the parcel''s on mortgage-freeze';
COMMENT ON COLUMN mart.policy_list_rows.reason_codes IS
    '原因代码（grade_D、grade_C、IDLE-*；暂停登记为认定标志 IDLE-*/INEFF-*），分号分隔并排序 / reason codes (grade_D, grade_C, IDLE-*; flag codes IDLE-*/INEFF-* on mortgage-freeze), ;-separated, sorted';
COMMENT ON COLUMN mart.policy_list_rows.surcharge IS
    '加价（元/千瓦时或元/立方米，全精度；暂停登记为空）/ surcharge in yuan per kWh or per m³ at full precision; NULL on mortgage-freeze';
COMMENT ON COLUMN mart.policy_list_rows.grade IS '评价等级（已公布的最终等级；无则为空）/ the published final grade, empty when none';
COMMENT ON COLUMN mart.policy_list_rows.effective_from IS '执行日期（不早于公布或认定日期，procedure.md §2）/ the day the row takes effect: never before its decision';
COMMENT ON COLUMN mart.policy_list_rows.consecutive_d_years IS '企业清单：连续D类年数（无评价行为空）/ enterprise lists: consecutive D years, empty without a graded row';
COMMENT ON COLUMN mart.policy_list_rows.measures IS '企业清单：处置措施（分号分隔）/ enterprise lists: the measures the recipient applies, ;-separated';
COMMENT ON COLUMN mart.policy_list_rows.determination_nos IS '企业清单：触发宗地的认定书编号 / enterprise lists: determination numbers of the triggering parcels';
