CREATE OR REPLACE VIEW mart.rejects WITH (security_barrier) AS
SELECT r.batch_id, b.kind, b.file_name, r.line, r.column_name, r.reason, r.raw
FROM runs.rejects r
JOIN runs.batches b USING (batch_id)
WHERE NOT mart.region_restricted();
COMMENT ON VIEW mart.rejects IS '拒收行及原因（区域分析员不可见）/ rejected rows with their reasons (not shown to region analysts)';
COMMENT ON COLUMN mart.rejects.batch_id IS '批次编号 / batch id';
COMMENT ON COLUMN mart.rejects.kind IS '抽取类型 / extract kind';
COMMENT ON COLUMN mart.rejects.file_name IS '文件名 / file name';
COMMENT ON COLUMN mart.rejects.line IS '记录起始的物理行号 / physical line where the record starts';
COMMENT ON COLUMN mart.rejects.column_name IS '出错的列（记录级原因为空）/ the column that failed; empty for record-level reasons';
COMMENT ON COLUMN mart.rejects.reason IS '原因代码 / reason code (bad_uscc, bad_date, …)';
COMMENT ON COLUMN mart.rejects.raw IS '原始记录文本（无效字节写作 \xNN）/ the record as decoded text, invalid bytes as \xNN';
