-- The history table of an extract kind (one partition per applied batch), for the functions
-- that create and apply a batch: the six kinds of spec extracts.md and indicators.md §1, and nothing else (any other
-- text is refused, 22023), so no text from outside reaches their DDL. The loader's Swift side
-- names the same tables in ExtractKind.historyTable (MujunCore), for the runs' locks.
CREATE OR REPLACE FUNCTION core.history_table(p_kind text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    CASE p_kind
        WHEN 'registry' THEN RETURN 'core.registry_rows';
        WHEN 'tax' THEN RETURN 'core.tax_rows';
        WHEN 'power' THEN RETURN 'core.power_rows';
        WHEN 'parcels' THEN RETURN 'core.parcel_rows';
        WHEN 'accounts' THEN RETURN 'core.account_rows';
        WHEN 'statistics' THEN RETURN 'core.statistics_rows';
        ELSE RAISE EXCEPTION 'unknown extract kind %', p_kind USING ERRCODE = '22023';
    END CASE;
END
$$;
COMMENT ON FUNCTION core.history_table(text) IS
    '抽取类型的历史表（每个已应用批次一个分区）；未知类型报错 / the history table of an extract kind (an unknown kind is refused)';
