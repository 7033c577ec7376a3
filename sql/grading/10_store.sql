-- Grading step 10: the run's grades, computed in run_grades by steps 1–9, are written to
-- runs.enterprise_grades in one statement. run_grades was made LIKE runs.enterprise_grades,
-- so its columns are the same, in the same order.

INSERT INTO runs.enterprise_grades
SELECT * FROM run_grades;
