-- Lists: verification (核查清单, for the natural-resources bureau and the townships): one row per
-- parcel that the list's flag run (the current flag run of the latest as-of ≤ L) flags idle
-- (IDLE-*) or inefficient (INEFF-*) and that is not determined by the list date L — spec
-- procedure.md §3, details.md #89, #101, #106, #108, #122. A finding is a suspicion until the
-- bureau determines it (认定); the bureau investigates these and returns its determinations in
-- the next parcels extract.
-- Sources: 闲置土地处置办法 (国土资源部令第53号) 第八条 (涉嫌闲置的，调查核实); seed
--   003_a0174000c3a42330.txt 三 (旌德: 工作专班参照认定标准全面核查，审定结果书面反馈，一次重新核实机会).
--
-- Determined (details.md #101): the parcel row the flag run saw (batch_id ≤ its last batch,
--   details.md #122) has a determination number and a determination date on or before L; a
--   number without a date, or a date without a number, is not a determination. A determination
--   covers every code of the parcel (details.md #108).
-- flag_codes: the parcel's IDLE-*/INEFF-* codes, ';'-separated, sorted (as the freeze list).
-- since: the earliest `since` of its IDLE-* codes, else empty (details.md #89).
-- evidence_summary: one line of Chinese text per code from the flag's evidence, joined by '；'.
-- Written whatever land.require_determination says (details.md #106); sorted region, parcel.

INSERT INTO runs.list_rows (export_id, list, list_date, key, uscc, region_code, reason_codes, surcharge,
                            enterprise_name, effective_from, basis, parcel_id, cert_no, area_m2,
                            determination_no, since, evidence_summary)
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
           nullif(p.determination_no, '') AS determination_no, p.determined_on
    FROM core.parcel_rows p
    CROSS JOIN list_context c
    WHERE p.batch_id <= c.flag_last_batch_id
      AND p.parcel_id IN (SELECT parcel_id FROM flagged)
    ORDER BY p.parcel_id, p.as_of DESC, p.batch_id DESC
)
SELECT c.export_id, c.list, c.list_date, x.parcel_id, x.holder_uscc, x.region_code,
       array_to_string(x.codes, ';'), NULL,
       coalesce(e.name, s.holder_name, x.holder_name), c.list_date, pg_temp.list_basis_text(x.codes),
       x.parcel_id, coalesce(x.cert_no, s.cert_no), x.area_m2, s.determination_no, x.since, x.evidence_summary
FROM flagged x
CROSS JOIN list_context c
LEFT JOIN seen s ON s.parcel_id = x.parcel_id
LEFT JOIN core.registry_current e ON e.uscc = x.holder_uscc
WHERE NOT (s.determination_no IS NOT NULL AND s.determined_on IS NOT NULL AND s.determined_on <= c.list_date);
