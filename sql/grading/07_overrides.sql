-- Grading step 7: overrides, in the spec's order (spec evaluation.md §5, details.md #42, #63).
-- 1. Idle-land veto (seed 002_32db2fb0d19ac012.txt, 金义新区: firms that keep land idle may not
--    be graded A or B), when the policy's grading.idle_land_veto is on: an enterprise holding a
--    parcel idle (IDLE-*) as of Y-12-31 whose idle_cause is `enterprise` goes from A/B to C,
--    judged here by core.idle_parcels (no stored flag run needed). Recorded as
--    `idle_land_veto` only where it changes the grade. Edition 2: the parcel must be determined
--    and past its rectification deadline as of Y-12-31 (procedure.md §3).
-- 2. Recorded vetoes (一票否决) for year Y: A/B become C; a "to D" veto makes any A–C a D.
--    N and T are never changed by vetoes. Recorded as `veto` where it changes the grade.
-- 3. Review results (复核, seed 003_a0174000c3a42330.txt): the latest review of the year sets the
--    grade of an enterprise graded A–D, whatever the steps above gave. Recorded as `review`.
-- `computed_grade` keeps the class before every override.

WITH idle_holders AS (
    SELECT DISTINCT i.holder_uscc AS uscc
    FROM grading_run run
    CROSS JOIN LATERAL core.idle_parcels(run.year_end, run.policy) AS i
    WHERE run.idle_land_veto AND i.decided AND i.idle_cause = 'enterprise'
      -- procedure.md §3 (seed 002: 限期内拒不整改或未及时完成整改的，不得列入A、B类): under
      -- land.require_determination only a parcel determined by Y-12-31 whose rectification
      -- deadline has passed by then (details.md #115).
      AND (NOT run.require_determination
           OR (core.determined(i.determination_no, i.determined_on, run.year_end)
               AND core.rectify_deadline(i.rectify_by, i.determined_on, run.policy) <= run.year_end))
)
UPDATE run_grades g
SET grade = 'C', reason_list = g.reason_list || 'idle_land_veto'::text
FROM idle_holders i
WHERE g.uscc = i.uscc
  AND g.grade IN ('A', 'B');

WITH vetoes AS (
    SELECT v.uscc, max(v.to_grade) AS to_grade   -- 'D' sorts after 'C': the stronger veto wins
    FROM runs.grade_vetoes v
    JOIN grading_run run ON run.year = v.year
    WHERE NOT v.withdrawn
    GROUP BY v.uscc
)
UPDATE run_grades g
SET grade = v.to_grade, reason_list = g.reason_list || 'veto'::text
FROM vetoes v
WHERE g.uscc = v.uscc
  AND ((v.to_grade = 'D' AND g.grade IN ('A', 'B', 'C')) OR (v.to_grade = 'C' AND g.grade IN ('A', 'B')));

WITH reviews AS (
    SELECT DISTINCT ON (v.uscc) v.uscc, v.grade
    FROM runs.grade_reviews v
    JOIN grading_run run ON run.year = v.year
    ORDER BY v.uscc, v.made_at DESC, v.review_id DESC
)
UPDATE run_grades g
SET grade = r.grade, reason_list = g.reason_list || 'review'::text
FROM reviews r
WHERE g.uscc = r.uscc AND g.computed_grade IN ('A', 'B', 'C', 'D');
