-- mujun: citus
-- Enterprise-keyed tables, distributed by hash of uscc and co-located with core.registry_rows
-- (spec scale.md): an enterprise's registry rows, tax rows, statistics, grades, indicator points
-- and list rows sit on the same node, so grading's joins and aggregates per enterprise run on
-- the workers, in parallel, without moving rows. Every primary key here includes uscc, as
-- Citus requires. The parcel flags are keyed by the parcel's holder (holder_uscc): the lists
-- and the grading veto join them to the holder's grades and registry row.
-- History tables are partitioned by batch: a partition attached later (core.apply_batch) is
-- distributed the same way when it is attached.
SELECT pg_temp.mujun_distribute('core.registry_rows', 'uscc', 'default');
SELECT pg_temp.mujun_distribute('core.tax_rows', 'uscc', 'core.registry_rows');
SELECT pg_temp.mujun_distribute('core.statistics_rows', 'uscc', 'core.registry_rows');
SELECT pg_temp.mujun_distribute('runs.enterprise_grades', 'uscc', 'core.registry_rows');
SELECT pg_temp.mujun_distribute('runs.indicator_points', 'uscc', 'core.registry_rows');
SELECT pg_temp.mujun_distribute('runs.list_rows', 'uscc', 'core.registry_rows');
SELECT pg_temp.mujun_distribute('runs.list_no_account', 'uscc', 'core.registry_rows');
SELECT pg_temp.mujun_distribute('runs.parcel_flags', 'holder_uscc', 'core.registry_rows');
SELECT pg_temp.mujun_distribute('runs.parcel_flags_carried', 'holder_uscc', 'core.registry_rows');
SELECT pg_temp.mujun_distribute('runs.parcel_resolutions', 'holder_uscc', 'core.registry_rows');
