-- Edition 2's gas list (差别气价清单, procedure.md §4: the water list's twin over gas accounts,
-- `lists.surcharge.gas`, details.md #107) and the verification list (核查清单, procedure.md §3;
-- details.md #89, #101, #106, #128): every parcel the list's flag run flags idle or inefficient and that is not determined
-- (认定) by the list date, for the natural-resources bureau and the townships to investigate.
-- Written whatever land.require_determination says (details.md #106). Its rows keep, beside the
-- freeze list's columns, the earliest idle `since` and a one-line Chinese evidence summary.

ALTER TABLE runs.list_exports DROP CONSTRAINT list_exports_list_check;
ALTER TABLE runs.list_exports ADD CONSTRAINT list_exports_list_check
    CHECK (list IN ('electricity', 'water', 'gas', 'mortgage-freeze', 'verification'));

ALTER TABLE runs.list_rows
    ADD COLUMN since             date,
    ADD COLUMN evidence_summary  text;
COMMENT ON COLUMN runs.list_rows.since IS '核查清单：闲置起算日期（最早的 IDLE 标志）/ verification list: the earliest since of the parcel''s IDLE codes';
COMMENT ON COLUMN runs.list_rows.evidence_summary IS '核查清单：核查线索（一行中文）/ verification list: one line of Chinese evidence for the investigators';

-- Parcels' rectification deadline (整改期限, details.md #86; procedure.md §3: the veto and the
-- idle surcharges wait for it, seed 002 四.3). Optional; an empty cell is no deadline given, and
-- the rules then take determined_on + land.rectify_years. Every applied batch's partition gets
-- the column too (NULL for rows loaded before). IF NOT EXISTS: UpgradeTests loads main's
-- database with today's loader, which writes the column, so it adds it first.
ALTER TABLE core.parcel_rows ADD COLUMN IF NOT EXISTS rectify_by date;
