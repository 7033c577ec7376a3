-- Grading step 8: held D (spec indicators.md §7; details.md #91, #98, #99, #111; seed
-- 003_a0174000c3a42330.txt 三: a grade is settled only after the firm can object).
-- With grading.hold_d_on_missing_data (default true), an enterprise whose final grade is D
-- keeps D with reason `held_missing_data`, and is put on no list for that grade, when a
-- weighted indicator of its cohort was undefined because an input is *unknown* (no linked power
-- account, no statistics row for Y, an empty statistics column; an unknown numerator over a
-- known 0 counts, details.md #111) and was scored 0 under `missing: zero` (runs.indicator_points).
-- Not held: an indicator whose inputs are known but whose denominator is 0 (a plant that drew no
-- power all year is not missing data, details.md #98); a D decided by a person, by a "to D" veto
-- or a review result (details.md #99). A review replaces the grade and so drops the hold.

WITH missing_data AS (
    SELECT DISTINCT p.uscc
    FROM runs.indicator_points p
    JOIN grading_run run ON run.run_id = p.run_id
    WHERE p.scored_by = 'zero' AND p.unknown
), decided_d AS (
    SELECT v.uscc FROM runs.grade_vetoes v JOIN grading_run run ON run.year = v.year
    WHERE v.to_grade = 'D' AND NOT v.withdrawn
    UNION
    SELECT r.uscc FROM runs.grade_reviews r JOIN grading_run run ON run.year = r.year
)
UPDATE run_grades g
SET held_d = true, reason_list = g.reason_list || 'held_missing_data'::text
FROM missing_data m
CROSS JOIN grading_run run
WHERE g.uscc = m.uscc
  AND run.hold_d_on_missing_data
  AND g.grade = 'D'
  AND NOT EXISTS (SELECT 1 FROM decided_d d WHERE d.uscc = g.uscc);
