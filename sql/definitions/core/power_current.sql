-- The current row per key: later as-of, then later batch, wins (details.md #20). Only applied
-- batches are partitions of core.power_rows, so a refused batch never shows here.
CREATE OR REPLACE VIEW core.power_current AS
SELECT DISTINCT ON (account_no, period) *
FROM core.power_rows
ORDER BY account_no, period, as_of DESC, batch_id DESC;
COMMENT ON VIEW core.power_current IS '现行月度用电量（每户号每月最新批次）/ current kWh per account and month';
