CREATE OR REPLACE VIEW mart.unlinked_accounts WITH (security_barrier) AS
SELECT account_no, account_name, extract_uscc, link_method, latest_period
FROM core.power_account_links
WHERE link_method IN ('ambiguous', 'unmatched') AND NOT mart.region_restricted();
COMMENT ON VIEW mart.unlinked_accounts IS '未能关联企业的电力户号（待人工对照：mujun accounts map）/ power accounts linked to no enterprise, to map by hand';
COMMENT ON COLUMN mart.unlinked_accounts.account_no IS '户号 / power account number';
COMMENT ON COLUMN mart.unlinked_accounts.account_name IS '户名（最新一期）/ account name of the latest period';
COMMENT ON COLUMN mart.unlinked_accounts.extract_uscc IS '用电数据中的信用代码（可能为空）/ credit code given in the power extract, if any';
COMMENT ON COLUMN mart.unlinked_accounts.link_method IS 'ambiguous 同名多家，unmatched 无匹配 / why it is unlinked';
COMMENT ON COLUMN mart.unlinked_accounts.latest_period IS '最新电费年月 / latest month with a power row';
