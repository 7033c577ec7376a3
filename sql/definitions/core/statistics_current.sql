-- The current statistics row per (uscc, year): later as-of, then later batch, wins (details.md
-- #20, #85). Only applied batches are partitions of core.statistics_rows, so a refused batch
-- never shows here. Grading joins it on (uscc, Y) through core.enterprise_year_inputs.
CREATE OR REPLACE VIEW core.statistics_current AS
SELECT DISTINCT ON (uscc, year) *
FROM core.statistics_rows
ORDER BY uscc, year, as_of DESC, batch_id DESC;
COMMENT ON VIEW core.statistics_current IS '现行年度统计数据（每企业每年最新批次）/ current statistics per enterprise and year';
