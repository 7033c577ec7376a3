-- Lists, shared step of mortgage-freeze and verification: the parcels the list's flag run flags
-- idle (IDLE-*) or inefficient (INEFF-*), one row per parcel and holder (spec lists.md, procedure.md
-- §3; details.md #45, #48, #89, #122). LOWFAR, SPLIT and UNKNOWN are on neither list.
--
-- codes: the parcel's IDLE-*/INEFF-* codes, sorted (details.md #43).
-- since: the earliest `since` of its IDLE-* codes, else NULL (details.md #89).
-- evidence_summary: one line of Chinese text per code from the flag's evidence, joined by '；',
--   for the investigators of the verification list.
-- The parcel as the flag run saw it: its latest row among the batches the run saw
--   (batch_id ≤ flag_runs.last_batch_id, details.md #122), for cert_no, the holder's name and the
--   determination (认定书编号, 认定日期, 闲置原因, 整改期限; an empty number is none).
-- determined: core.determined as of the list date L (procedure.md §3; details.md #101, #108).
-- idle_cause: empty is `undetermined` under land.require_determination (details.md #86), else
--   `enterprise` (edition 1). deadline: core.rectify_deadline (rectify_by, else determined_on +
--   land.rectify_years).
-- Used by the freeze, verification, utility (idle grounds) and enterprise lists.

CREATE TEMP TABLE list_parcels ON COMMIT DROP AS
WITH flags AS (
    SELECT f.parcel_id, f.holder_uscc, f.flag_code, f.region_code, f.area_m2, f.cert_no, f.holder_name, f.since,
           CASE
               WHEN f.flag_code = 'IDLE-1' THEN
                   '约定动工 ' || (f.evidence ->> 'agreed_start_on') || '，截至 ' || (f.evidence ->> 'as_of') || ' 未动工'
               WHEN f.flag_code = 'IDLE-2' THEN
                   '已动工，' || coalesce(f.evidence ->> 'suspended_since', '') || ' 起中止开发，截至 '
                   || (f.evidence ->> 'as_of') || ' 开发或投资不足'
               WHEN f.flag_code = 'INEFF-1' AND f.evidence ? 'suspended_since' THEN
                   '已动工未投产，' || (f.evidence ->> 'suspended_since') || ' 起停工'
               WHEN f.flag_code = 'INEFF-1' THEN
                   '投产后连续停产，截至 ' || (f.evidence ->> 'as_of') || ' 各月用电不超过限值'
               WHEN f.flag_code = 'INEFF-2' THEN
                   '约定竣工 ' || (f.evidence ->> 'agreed_completion_on') || '，截至 ' || (f.evidence ->> 'as_of') || ' 未投产'
               WHEN f.flag_code = 'INEFF-3' THEN
                   '前两年亩均税收平均 ' || round((f.evidence ->> 'mean_tax_per_mu_yuan')::numeric / 10000, 2)
                   || ' 万元，低于 ' || round((f.evidence ->> 'min_tax_per_mu_yuan')::numeric / 10000, 2) || ' 万元'
               WHEN f.flag_code = 'INEFF-4' THEN '司法查封，且停产或经营状态异常'
               ELSE '属淘汰类行业，或企业已吊销、注销'
           END AS summary
    FROM list_context c
    JOIN runs.parcel_flags f ON f.run_id = c.flag_run_id
    WHERE f.flag_code IN ('IDLE-1', 'IDLE-2', 'INEFF-1', 'INEFF-2', 'INEFF-3', 'INEFF-4', 'INEFF-5')
), flagged AS (
    SELECT parcel_id, holder_uscc,
           min(region_code) AS region_code, min(area_m2) AS area_m2, min(cert_no) AS cert_no,
           min(holder_name) AS holder_name,
           min(since) FILTER (WHERE flag_code LIKE 'IDLE-%') AS since,
           array_agg(flag_code ORDER BY flag_code COLLATE "C") AS codes,
           string_agg(flag_code || ' ' || summary, '；' ORDER BY flag_code COLLATE "C") AS evidence_summary
    FROM flags
    GROUP BY parcel_id, holder_uscc
), seen AS (
    SELECT DISTINCT ON (p.parcel_id) p.parcel_id, p.cert_no, p.holder_name,
           nullif(btrim(p.determination_no), '') AS determination_no, p.determined_on, p.idle_cause, p.rectify_by
    FROM core.parcel_rows p
    CROSS JOIN list_context c
    WHERE p.batch_id <= c.flag_last_batch_id
      AND p.parcel_id IN (SELECT parcel_id FROM flagged)
    ORDER BY p.parcel_id, p.as_of DESC, p.batch_id DESC
)
SELECT x.parcel_id, x.holder_uscc, x.region_code, x.area_m2, x.codes, x.since, x.evidence_summary,
       coalesce(x.cert_no, s.cert_no) AS cert_no,
       coalesce(e.name, s.holder_name, x.holder_name) AS holder_name,
       s.determination_no, s.determined_on,
       coalesce(s.idle_cause, CASE WHEN c.require_determination THEN 'undetermined' ELSE 'enterprise' END) AS idle_cause,
       core.determined(s.determination_no, s.determined_on, c.list_date) AS determined,
       core.rectify_deadline(s.rectify_by, s.determined_on, c.policy) AS deadline
FROM flagged x
CROSS JOIN list_context c
LEFT JOIN seen s ON s.parcel_id = x.parcel_id
LEFT JOIN core.registry_current e ON e.uscc = x.holder_uscc;

ANALYZE list_parcels;
