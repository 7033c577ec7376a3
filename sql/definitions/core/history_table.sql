-- The history table of an extract kind (one partition per applied batch), for the functions
-- that create and apply a batch: the five kinds of spec extracts.md and nothing else (NULL for
-- any other text), so no text from outside reaches their DDL. The loader's Swift side names the
-- same tables in ExtractKind.historyTable (MujunCore), for the runs' locks.
CREATE OR REPLACE FUNCTION core.history_table(p_kind text) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE p_kind WHEN 'registry' THEN 'core.registry_rows' WHEN 'tax' THEN 'core.tax_rows'
                       WHEN 'power' THEN 'core.power_rows' WHEN 'parcels' THEN 'core.parcel_rows'
                       WHEN 'accounts' THEN 'core.account_rows' END
$$;
COMMENT ON FUNCTION core.history_table(text) IS
    '抽取类型的历史表（每个已应用批次一个分区）；未知类型为 NULL / the history table of an extract kind (NULL for an unknown kind)';
