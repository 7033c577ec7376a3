-- Grading's completeness gate (spec evaluation.md §1, details.md #28): what year Y lacks before
-- it can be graded. Not a grading step (its name has no step number): the evaluator runs it
-- first, in the run's transaction, after `SET LOCAL mujun.year TO 'Y'`, and refuses the
-- year unless `--allow-incomplete` when a row comes out; the rows are also kept with the run
-- (runs.evaluation_runs.missing_months).
--
-- A month of Y is missing for tax or power when no applied row of that kind carries it
-- (core.known_months). The registry and the parcels are versions, not months: each is missing
-- only while no batch of it was ever applied.
-- Statistics (details.md #117): when the profile weights an indicator that needs the statistics
-- row (the evaluator sets `mujun.needs_statistics`), Y is missing `statistics Y` until an
-- applied statistics batch holds rows of Y (only applied batches are partitions of
-- core.statistics_rows).
-- One row per gap, `missing`, e.g. 'tax 2024-03', 'parcels (no applied batch)', 'statistics 2024'.

DROP TABLE IF EXISTS pg_temp.grading_missing_inputs;

CREATE TEMP TABLE grading_missing_inputs ON COMMIT DROP AS
WITH months AS (
    SELECT make_date(current_setting('mujun.year')::int, m, 1) AS period FROM generate_series(1, 12) AS m
), kinds AS (SELECT unnest(ARRAY['tax', 'power']) AS kind)
SELECT k.kind || ' ' || to_char(m.period, 'YYYY-MM') AS missing
FROM kinds k CROSS JOIN months m
WHERE NOT EXISTS (SELECT 1 FROM core.known_months n WHERE n.kind = k.kind AND n.period = m.period)
UNION ALL
SELECT k || ' (no applied batch)' FROM unnest(ARRAY['registry', 'parcels']) AS k
WHERE NOT EXISTS (SELECT 1 FROM runs.batches b WHERE b.kind = k AND b.status = 'applied')
UNION ALL
SELECT 'statistics ' || current_setting('mujun.year')
WHERE current_setting('mujun.needs_statistics') = 'true'
  AND NOT EXISTS (SELECT 1 FROM core.statistics_rows s WHERE s.year = current_setting('mujun.year')::int);
