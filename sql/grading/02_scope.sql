-- Grading step 2: who is graded (spec evaluation.md §2; Huai'an 2024 method).
-- The first matching rule decides, in this order:
--   N not_active           status is not active or suspended
--   N no_land              L = 0
--   N below_min_land       below scale and L < grading.min_land_mu_below_scale mu (default 3)
--   T exempted             an exemption (暂不评价) of Y recorded and not revoked (indicators.md §5:
--                          after the N rules, before the T rules; `mujun exempt add`)
--   T construction_period  no production yet and no parcel's agreed completion has passed
--   T new_production       first_production + grading.new_production_years (default 2) > Y-12-31
-- Everyone else is graded A–D in the next steps. An enterprise past its agreed completion and
-- still not in production is graded, not exempted.
-- Comparisons are exact on unrounded values (domain.md): "L < 3 mu" is land_m2 × 15 < 3 × 10000.

-- The year's exemptions first, in a statement of their own: on Citus an UPDATE of this session's
-- table may not read a reference table (docs/architecture.md, "Citus").
CREATE TEMP TABLE run_exempted ON COMMIT DROP AS
SELECT DISTINCT e.uscc FROM runs.grade_exemptions e JOIN grading_run r ON r.year = e.year
WHERE e.revoked_at IS NULL;

UPDATE run_grades g
SET computed_grade = CASE WHEN d.reason IN ('not_active', 'no_land', 'below_min_land') THEN 'N' ELSE 'T' END,
    grade = CASE WHEN d.reason IN ('not_active', 'no_land', 'below_min_land') THEN 'N' ELSE 'T' END,
    exempted = d.reason = 'exempted',
    reason_list = ARRAY[d.reason]
FROM (
    SELECT g.uscc,
           CASE
               WHEN g.status NOT IN ('active', 'suspended') THEN 'not_active'
               WHEN g.land_m2 = 0 THEN 'no_land'
               WHEN NOT g.above_scale AND g.land_m2 * 15 < run.min_land_mu_below_scale * 10000 THEN 'below_min_land'
               WHEN x.uscc IS NOT NULL THEN 'exempted'
               WHEN g.first_production IS NULL AND NOT g.completion_passed THEN 'construction_period'
               WHEN g.first_production IS NOT NULL
                    AND g.first_production + make_interval(years => run.new_production_years) > run.year_end
                    THEN 'new_production'
           END AS reason
    FROM run_grades g
    CROSS JOIN grading_run run
    LEFT JOIN run_exempted x ON x.uscc = g.uscc
) d
WHERE g.uscc = d.uscc
  AND d.reason IS NOT NULL;

-- Fresh statistics for the classes, which rank the firms left ungraded here.
ANALYZE run_grades;
