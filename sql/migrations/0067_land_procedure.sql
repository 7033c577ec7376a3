-- Edition 2's land procedure (procedure.md §3–§4; details.md #87, #88, #90, #107, #120, #121,
-- #128): a flagged parcel is suspected until the natural-resources bureau determines it (认定).
-- A suspected idle parcel gets the recommendation `investigate` (调查核实) instead of a fee,
-- recovery or negotiation; the enterprise consequence lists of a profile (land-bidding,
-- finance-notice, incentive-suspension, or a county's own) are exported like the other lists.

ALTER TABLE runs.parcel_flags DROP CONSTRAINT parcel_flags_recommendation_check;
ALTER TABLE runs.parcel_flags ADD CONSTRAINT parcel_flags_recommendation_check
    CHECK (recommendation IN ('fee', 'recover', 'negotiate', 'investigate'));

-- Profile-defined lists are named by the profile (details.md #128: [a-z][a-z0-9-]*).
ALTER TABLE runs.list_exports DROP CONSTRAINT list_exports_list_check;
ALTER TABLE runs.list_exports ADD CONSTRAINT list_exports_list_check CHECK (list ~ '^[a-z][a-z0-9-]*$');

-- Enterprise lists' own columns (procedure.md §4).
ALTER TABLE runs.list_rows
    ADD COLUMN consecutive_d_years  integer,
    ADD COLUMN measures             text,
    ADD COLUMN determination_nos    text;
COMMENT ON COLUMN runs.list_rows.consecutive_d_years IS '企业清单：连续D类年数（该年无评价行为空）/ enterprise lists: consecutive D years (empty without a graded row)';
COMMENT ON COLUMN runs.list_rows.measures IS '企业清单：处置措施（按政策文件顺序，分号分隔）/ enterprise lists: the measures, in the profile''s order';
COMMENT ON COLUMN runs.list_rows.determination_nos IS '企业清单：触发宗地的认定书编号 / enterprise lists: determination numbers of the triggering parcels';
