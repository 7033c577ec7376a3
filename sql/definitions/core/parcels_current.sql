-- The current row per key: later as-of, then later batch, wins (details.md #20). Only applied
-- batches are partitions of core.parcel_rows, so a refused batch never shows here. Every column of
-- the history table, rectify_by (migration 0065) included.
CREATE OR REPLACE VIEW core.parcels_current AS
SELECT DISTINCT ON (parcel_id) *
FROM core.parcel_rows
ORDER BY parcel_id, as_of DESC, batch_id DESC;
COMMENT ON VIEW core.parcels_current IS '现行宗地信息 / current version of every parcel';
