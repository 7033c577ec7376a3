-- mujun: citus
-- Every batch, run and export is one transaction (spec jobs.md), and most of them write both
-- kinds of table: the rows of a distributed table and the record of the run in a reference
-- table. Once a transaction has written a distributed table over several connections per
-- node, Citus refuses to write a reference table in it (its foreign keys must see one
-- connection's writes), so the pipeline's transactions write shards over one connection per
-- node: what the database settles here, for every session of this database, so that no
-- command can forget it. Reads (grading's joins and aggregates, analysts' queries) stay
-- parallel; only writes to many shards queue per node (docs/benchmarks.md measures the cost).
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET citus.multi_shard_modify_mode = %L', current_database(), 'sequential');
END
$$;

-- A run's settings (mujun.run_id, mujun.year…) are made with SET LOCAL in the run's transaction
-- (MujunDatabase's SQLRunner) and read by current_setting() in statements that Citus runs on
-- the workers: it must repeat them there.
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET citus.propagate_set_commands = %L', current_database(), 'local');
END
$$;
