-- Every operator entry that changes grading, with its audit trail (spec evaluation.md §5,
-- indicators.md §4, §5; details.md #94): vetoes (一票否决), review results (复核), adjustments
-- (加分项/减分项) and exemptions (暂不评价). A revoked or withdrawn entry stays, marked. A region
-- analyst sees the entries of the enterprises registered in their regions.
CREATE OR REPLACE VIEW mart.operator_entries WITH (security_barrier) AS
WITH entries AS (
    SELECT 'veto'::text AS kind, v.veto_id AS entry_id, v.year, v.uscc, v.to_grade AS grade, NULL::numeric AS points,
           NULL::text AS item, v.document_no, v.reason, v.made_by AS entered_by, v.made_at AS entered_at,
           v.withdrawn AS revoked, NULL::timestamptz AS revoked_at, NULL::text AS revoked_by, NULL::text AS revoke_reason
    FROM runs.grade_vetoes v
    UNION ALL
    SELECT 'review', r.review_id, r.year, r.uscc, r.grade, NULL, NULL, r.document_no, r.reason, r.made_by, r.made_at,
           false, NULL, NULL, NULL
    FROM runs.grade_reviews r
    UNION ALL
    SELECT 'adjustment', a.adjustment_id, a.year, a.uscc, NULL, a.points, a.item, a.document_no, a.reason,
           a.entered_by, a.entered_at, a.revoked_at IS NOT NULL, a.revoked_at, a.revoked_by, a.revoke_reason
    FROM runs.grade_adjustments a
    UNION ALL
    SELECT 'exemption', e.exemption_id, e.year, e.uscc, NULL, NULL, NULL, e.document_no, e.reason,
           e.entered_by, e.entered_at, e.revoked_at IS NOT NULL, e.revoked_at, e.revoked_by, e.revoke_reason
    FROM runs.grade_exemptions e
)
SELECT x.kind, x.entry_id, x.year, x.uscc, e.name, e.region_code, x.grade, x.points, x.item, x.document_no,
       x.reason, x.entered_by, x.entered_at, x.revoked, x.revoked_at, x.revoked_by, x.revoke_reason
FROM entries x
LEFT JOIN core.registry_current e ON e.uscc = x.uscc
WHERE NOT mart.region_restricted()
   OR e.region_code IN (SELECT region_code FROM runs.login_regions);

COMMENT ON VIEW mart.operator_entries IS '操作记录：一票否决、复核、加减分、暂不评价（含撤销）/ operator entries: vetoes, reviews, adjustments, exemptions, revoked ones included';
COMMENT ON COLUMN mart.operator_entries.kind IS '类型 veto 一票否决 / review 复核 / adjustment 加减分 / exemption 暂不评价 / kind of entry';
COMMENT ON COLUMN mart.operator_entries.entry_id IS '记录编号（按类型）/ entry id, per kind';
COMMENT ON COLUMN mart.operator_entries.year IS '评价年度 / evaluation year';
COMMENT ON COLUMN mart.operator_entries.uscc IS '统一社会信用代码 / unified social credit code';
COMMENT ON COLUMN mart.operator_entries.name IS '企业名称（现行登记，无登记为空）/ enterprise name, current registry; NULL when unregistered';
COMMENT ON COLUMN mart.operator_entries.region_code IS '所属镇街/园区代码 / township or park code';
COMMENT ON COLUMN mart.operator_entries.grade IS '否决目标等级或复核等级 / the veto''s target grade or the review''s grade';
COMMENT ON COLUMN mart.operator_entries.points IS '加减分（带符号）/ signed adjustment points';
COMMENT ON COLUMN mart.operator_entries.item IS '加减分事项 / adjustment item';
COMMENT ON COLUMN mart.operator_entries.document_no IS '文号 / document number';
COMMENT ON COLUMN mart.operator_entries.reason IS '理由 / reason';
COMMENT ON COLUMN mart.operator_entries.entered_by IS '录入人 / entered by';
COMMENT ON COLUMN mart.operator_entries.entered_at IS '录入时间 / entered at';
COMMENT ON COLUMN mart.operator_entries.revoked IS '是否已撤销（否决为已撤回）/ revoked (a veto: withdrawn)';
COMMENT ON COLUMN mart.operator_entries.revoked_at IS '撤销时间 / revoked at';
COMMENT ON COLUMN mart.operator_entries.revoked_by IS '撤销人 / revoked by';
COMMENT ON COLUMN mart.operator_entries.revoke_reason IS '撤销理由 / why it was revoked';
