-- Publication, last step (procedure.md §1: publishing freezes the final grades): the re-applied
-- overrides are written back to the run's rows, and the enterprises whose final grade changed
-- by it are kept in publish_regraded for the command's summary. The run's own computation
-- (scores, ranks, computed_grade) is not touched.

CREATE TEMP TABLE publish_regraded ON COMMIT DROP AS
SELECT g.uscc
FROM run_grades g
JOIN runs.enterprise_grades e ON e.run_id = g.run_id AND e.uscc = g.uscc
WHERE e.grade IS DISTINCT FROM g.grade;

UPDATE runs.enterprise_grades e
SET grade = g.grade,
    held_d = g.held_d,
    consecutive_d_years = g.consecutive_d_years,
    reason_list = g.reason_list,
    reasons = g.reasons
FROM run_grades g
WHERE e.run_id = g.run_id AND e.uscc = g.uscc
  AND (e.grade, e.held_d, e.consecutive_d_years, e.reasons)
      IS DISTINCT FROM (g.grade, g.held_d, g.consecutive_d_years, g.reasons);
