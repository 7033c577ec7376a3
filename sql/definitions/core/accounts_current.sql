-- The current row per key: later as-of, then later batch, wins (details.md #20). Only applied
-- batches are partitions of core.account_rows, so a refused batch never shows here.
CREATE OR REPLACE VIEW core.accounts_current AS
SELECT DISTINCT ON (utility, account_no) *
FROM core.account_rows
ORDER BY utility, account_no, as_of DESC, batch_id DESC;
COMMENT ON VIEW core.accounts_current IS '现行水电气户号对照 / current utility-account mapping rows';
