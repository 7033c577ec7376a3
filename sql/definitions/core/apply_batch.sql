-- Applies a loaded batch (spec extracts.md "Batches"): its staging table becomes a partition of
-- the kind's history table and moves to core, a catalog change only. SECURITY DEFINER, owned by
-- mujun_owner, which owns both tables, as ATTACH PARTITION requires: mujun_loader applies a
-- batch without owning core (issue 16 item 6). Only a table core.create_batch_table made is
-- accepted: the kind is checked and the batch is a number.
CREATE OR REPLACE FUNCTION core.apply_batch(p_kind text, p_batch bigint) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    history text := core.history_table(p_kind);
    name text := p_kind || '_b' || p_batch;
BEGIN
    EXECUTE format('ALTER TABLE %s ATTACH PARTITION staging.%I FOR VALUES IN (%s)', history, name, p_batch);
    EXECUTE format('ALTER TABLE staging.%I SET SCHEMA core', name);
END
$$;
COMMENT ON FUNCTION core.apply_batch(text, bigint) IS
    '应用批次：暂存表挂为历史表分区并移入 core / applies a batch: its staging table becomes a partition of the history table, in core';
