-- The current row per key: later as-of, then later batch, wins (details.md #20). Only applied
-- batches are partitions of core.registry_rows, so a refused batch never shows here.
CREATE OR REPLACE VIEW core.registry_current AS
SELECT DISTINCT ON (uscc) *
FROM core.registry_rows
ORDER BY uscc, as_of DESC, batch_id DESC;
COMMENT ON VIEW core.registry_current IS '企业现行登记信息（每企业最新快照）/ current registry version of every enterprise';
