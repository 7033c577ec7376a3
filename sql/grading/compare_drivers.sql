-- What drove each class move of `mujun evaluate --compare` (issue 14; not a grading step: its
-- name has no step number). $1 is the what-if run, $2 the run it is compared with; both may use
-- different profiles, with different indicators.
-- For an enterprise graded A–D in both runs with a different final grade, each indicator's
-- share is its points over the weight the enterprise was scored on (the cohort's total weight,
-- less what `reweight` left out), from runs.indicator_points; an indicator a run does not weight
-- has share 0 there. The driver is the indicator whose share changed most in the direction of
-- the move: the largest rise for a better class, the largest fall for a worse one (ties: the
-- indicator's name). Runs made before edition 2 kept no points, so their moves have no driver.
WITH moved AS (
    SELECT n.uscc, n.grade > b.grade AS worse
    FROM runs.enterprise_grades n
    JOIN runs.enterprise_grades b ON b.uscc = n.uscc AND b.run_id = $2
    WHERE n.run_id = $1
      AND n.grade IN ('A', 'B', 'C', 'D') AND b.grade IN ('A', 'B', 'C', 'D')
      AND n.grade <> b.grade
), shares AS (
    SELECT p.run_id, p.uscc, p.indicator,
           coalesce(p.points, 0)
           / nullif(sum(p.weight) FILTER (WHERE p.scored_by <> 'reweight') OVER (PARTITION BY p.run_id, p.uscc), 0) AS share
    FROM runs.indicator_points p
    JOIN moved m ON m.uscc = p.uscc
    WHERE p.run_id IN ($1, $2)
), deltas AS (
    SELECT s.uscc, s.indicator, sum(CASE WHEN s.run_id = $1 THEN coalesce(s.share, 0) ELSE -coalesce(s.share, 0) END) AS delta
    FROM shares s
    GROUP BY s.uscc, s.indicator
)
SELECT DISTINCT ON (d.uscc) d.uscc, d.indicator
FROM deltas d
JOIN moved m ON m.uscc = d.uscc
ORDER BY d.uscc, CASE WHEN m.worse THEN d.delta ELSE -d.delta END, d.indicator COLLATE "C"
