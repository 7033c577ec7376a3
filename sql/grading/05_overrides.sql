-- Grading step 5: overrides, in the spec's order (spec evaluation.md §5, details.md #42, #63).
-- 1. Idle-land veto (seed 002_32db2fb0d19ac012.txt, 金义新区: firms that keep land idle may not
--    be graded A or B), when the policy's grading.idle_land_veto is on: an enterprise holding a
--    parcel idle (IDLE-*) as of Y-12-31 whose idle_cause is `enterprise` goes from A/B to C,
--    judged here by core.idle_parcels (no stored flag run needed). Recorded as
--    `idle_land_veto` only where it changes the grade.
-- 2. Recorded vetoes (一票否决) for year Y: A/B become C; a "to D" veto makes any A–C a D.
--    N and T are never changed by vetoes. Recorded as `veto` where it changes the grade.
-- 3. Review results (复核, seed 003_a0174000c3a42330.txt): the latest review of the year sets the
--    grade of an enterprise graded A–D, whatever the steps above gave. Recorded as `review`.
-- `computed_grade` keeps the class before every override.

WITH run AS (SELECT * FROM runs.evaluation_context), idle_holders AS (
    SELECT DISTINCT i.holder_uscc AS uscc
    FROM run, core.idle_parcels(make_date(run.year, 12, 31), run.policy) AS i
    WHERE i.decided AND i.idle_cause = 'enterprise'
)
UPDATE runs.enterprise_grades g
SET grade = 'C', reason_list = g.reason_list || 'idle_land_veto'::text
FROM run
WHERE g.run_id = run.run_id
  AND (run.policy #>> '{grading,idle_land_veto}')::boolean
  AND g.grade IN ('A', 'B')
  AND g.uscc IN (SELECT uscc FROM idle_holders);

WITH run AS (SELECT * FROM runs.evaluation_context), vetoes AS (
    SELECT v.uscc, max(v.to_grade) AS to_grade   -- 'D' sorts after 'C': the stronger veto wins
    FROM runs.grade_vetoes v, run
    WHERE v.year = run.year AND NOT v.withdrawn
    GROUP BY v.uscc
)
UPDATE runs.enterprise_grades g
SET grade = v.to_grade, reason_list = g.reason_list || 'veto'::text
FROM vetoes v, run
WHERE g.run_id = run.run_id AND g.uscc = v.uscc
  AND ((v.to_grade = 'D' AND g.grade IN ('A', 'B', 'C')) OR (v.to_grade = 'C' AND g.grade IN ('A', 'B')));

WITH run AS (SELECT * FROM runs.evaluation_context), reviews AS (
    SELECT DISTINCT ON (v.uscc) v.uscc, v.grade
    FROM runs.grade_reviews v, run
    WHERE v.year = run.year
    ORDER BY v.uscc, v.made_at DESC, v.review_id DESC
)
UPDATE runs.enterprise_grades g
SET grade = r.grade, reason_list = g.reason_list || 'review'::text
FROM reviews r, run
WHERE g.run_id = run.run_id AND g.uscc = r.uscc AND g.computed_grade IN ('A', 'B', 'C', 'D');
