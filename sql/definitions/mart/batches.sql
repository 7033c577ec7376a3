CREATE OR REPLACE VIEW mart.batches WITH (security_barrier) AS
SELECT batch_id, kind, file_name, sha256, status, as_of, encoding, rows_read, rows_loaded, rows_rejected,
       rejects_by_reason, unknown_columns, message, started_at, finished_at
FROM runs.batches;
COMMENT ON VIEW mart.batches IS '载入批次（每个抽取文件一次）/ extract batches: one per file loaded';
COMMENT ON COLUMN mart.batches.batch_id IS '批次编号 / batch id';
COMMENT ON COLUMN mart.batches.kind IS '抽取类型 / extract kind (registry, tax, power, parcels, accounts)';
COMMENT ON COLUMN mart.batches.file_name IS '文件名 / file name';
COMMENT ON COLUMN mart.batches.sha256 IS '文件SHA-256 / SHA-256 of the file';
COMMENT ON COLUMN mart.batches.status IS '状态：applied 已生效，refused 拒收 / applied or refused';
COMMENT ON COLUMN mart.batches.as_of IS '数据日期 / as-of date';
COMMENT ON COLUMN mart.batches.encoding IS '文件编码 utf8 / gb18030 / encoding the file was read in';
COMMENT ON COLUMN mart.batches.rows_read IS '读取行数 / data rows read';
COMMENT ON COLUMN mart.batches.rows_loaded IS '载入行数 / rows loaded';
COMMENT ON COLUMN mart.batches.rows_rejected IS '拒收行数 / rows rejected (read = loaded + rejected)';
COMMENT ON COLUMN mart.batches.rejects_by_reason IS '按原因的拒收行数 / rejected rows per reason code';
COMMENT ON COLUMN mart.batches.unknown_columns IS '未识别的列 / header columns that were ignored';
COMMENT ON COLUMN mart.batches.message IS '说明 / what happened';
COMMENT ON COLUMN mart.batches.started_at IS '开始时间 / started';
COMMENT ON COLUMN mart.batches.finished_at IS '完成时间 / finished';
