-- Data-quality views for analysts (spec details.md #61): the batches loaded, the rows rejected
-- with their reasons, and the power accounts no enterprise could be linked to. Rejects and
-- unlinked accounts carry no region, so a region analyst sees none of them (they may hold any
-- township's data); batches are file-level facts and visible to every analyst.

CREATE VIEW mart.batches WITH (security_barrier) AS
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

CREATE VIEW mart.rejects WITH (security_barrier) AS
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

CREATE VIEW mart.unlinked_accounts WITH (security_barrier) AS
SELECT account_no, account_name, extract_uscc, link_method, latest_period
FROM core.power_account_links
WHERE link_method IN ('ambiguous', 'unmatched') AND NOT mart.region_restricted();
COMMENT ON VIEW mart.unlinked_accounts IS '未能关联企业的电力户号（待人工对照：mujun accounts map）/ power accounts linked to no enterprise, to map by hand';
COMMENT ON COLUMN mart.unlinked_accounts.account_no IS '户号 / power account number';
COMMENT ON COLUMN mart.unlinked_accounts.account_name IS '户名（最新一期）/ account name of the latest period';
COMMENT ON COLUMN mart.unlinked_accounts.extract_uscc IS '用电数据中的信用代码（可能为空）/ credit code given in the power extract, if any';
COMMENT ON COLUMN mart.unlinked_accounts.link_method IS 'ambiguous 同名多家，unmatched 无匹配 / why it is unlinked';
COMMENT ON COLUMN mart.unlinked_accounts.latest_period IS '最新电费年月 / latest month with a power row';
