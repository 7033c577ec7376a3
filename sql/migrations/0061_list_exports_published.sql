-- When an export's folder was published (issue 16 item 3). An export commits its rows first and
-- then publishes its folder with one rename (Sources/MujunLists/ListFolder.swift); a kill in
-- between leaves the export recorded but its files not where recipients look. Such an export is
-- not the one a later export's changes.csv compares with, nor the current one in
-- mart.policy_list_rows: recipients never saw it. Exports made before this migration were
-- published when made.
ALTER TABLE runs.list_exports ADD COLUMN published_at timestamptz;
UPDATE runs.list_exports SET published_at = made_at;
COMMENT ON COLUMN runs.list_exports.published_at IS
    '文件夹发布时间（NULL：已记录但文件未发布，例如导出在提交后被终止）/ when the export''s folder was published (NULL: recorded, but killed before its files were published)';
