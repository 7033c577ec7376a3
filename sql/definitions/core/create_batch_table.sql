-- The table one batch is loaded into (spec extracts.md "Batches"): `staging.<kind>_b<batch>`,
-- shaped like the kind's history table, every row stamped with the batch id and its as-of date.
-- SECURITY DEFINER, owned by mujun_owner, so that mujun_loader, which may not create tables or
-- own what core holds, can still load (issue 16 item 6): the table is mujun_owner's, the loader
-- may fill it (default privileges of 0002_schemas.sql), and core.apply_batch can attach it. The
-- kind is checked against the six kinds and the batch is a number: nothing reaches the DDL as
-- text. Called in the batch's transaction, so that COPY … FREEZE may freeze its rows.
CREATE OR REPLACE FUNCTION core.create_batch_table(p_kind text, p_batch bigint, p_as_of date) RETURNS text
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    history text := core.history_table(p_kind);
    name text := p_kind || '_b' || p_batch;
BEGIN
    EXECUTE format('CREATE TABLE staging.%I (LIKE %s INCLUDING DEFAULTS, CONSTRAINT %I CHECK (batch_id = %s))',
                   name, history, name || '_batch', p_batch);
    EXECUTE format('ALTER TABLE staging.%I ALTER COLUMN batch_id SET DEFAULT %s, ALTER COLUMN as_of SET DEFAULT %L::date',
                   name, p_batch, p_as_of);
    RETURN 'staging.' || name;
END
$$;
COMMENT ON FUNCTION core.create_batch_table(text, bigint, date) IS
    '为一个批次建立暂存表（staging.<类型>_b<批次号>），属 mujun_owner，装载角色可写 / creates the staging table of one batch, owned by mujun_owner and writable by the loader';
