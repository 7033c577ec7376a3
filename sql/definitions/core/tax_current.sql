-- The current row per key: later as-of, then later batch, wins (details.md #20). Only applied
-- batches are partitions of core.tax_rows, so a refused batch never shows here.
CREATE OR REPLACE VIEW core.tax_current AS
SELECT DISTINCT ON (uscc, period) *
FROM core.tax_rows
ORDER BY uscc, period, as_of DESC, batch_id DESC;
COMMENT ON VIEW core.tax_current IS '现行月度税收（每企业每月最新批次）/ current tax per enterprise and month';
