-- Publication, step 1 (procedure.md §1; details.md #109, #116): the run's stored grades, reset to
-- the classes the computation gave, so that the override steps of sql/grading/ (07 idle-land
-- veto, vetoes and reviews; 08 held D; 09 consecutive_d_years and reasons) apply again with every
-- entry recorded before `mujun publish` runs. Run after sql/grading/00_run.sql, which reads the
-- run's profile, with mujun.published_before = the publication date (consecutive D counts the
-- years published before it).
-- What is reset is only what those steps set: the grade (back to computed_grade), held_d,
-- consecutive_d_years and the reasons they add. Scores, ranks, benchmarks, points, N, T,
-- exemptions and adjustments stay as computed: they change only by evaluating again (which
-- publication refuses to do for it: an adjustment newer than the run refuses the publication).

CREATE TEMP TABLE run_grades (LIKE runs.enterprise_grades INCLUDING DEFAULTS INCLUDING CONSTRAINTS) ON COMMIT DROP;

INSERT INTO run_grades
SELECT * FROM runs.enterprise_grades g
WHERE g.run_id = current_setting('mujun.run_id')::bigint;

UPDATE run_grades
SET grade = computed_grade,
    held_d = false,
    consecutive_d_years = 0,
    reason_list = ARRAY(SELECT r FROM unnest(reason_list) AS r
                        WHERE r NOT IN ('idle_land_veto', 'veto', 'review', 'held_missing_data'));

ANALYZE run_grades;
