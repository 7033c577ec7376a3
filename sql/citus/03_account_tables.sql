-- mujun: citus
-- Account-keyed history, distributed by hash of account_no, co-located with each other but not
-- with the enterprises. A deliberate choice: the power extract carries the utility's account
-- number, and its uscc only sometimes (details.md #23–25); which enterprise an account belongs
-- to is decided later, by core.power_account_links, and changes when an operator maps it or the
-- accounts extract moves it. Distributed by uscc, a row would have to be routed by a link
-- not yet known when it is COPYed, and re-sharded whenever a link changes. By account_no, COPY
-- routes every row at once; an account's history is on one node, so the current row per account
-- and period (core.power_current), the latest row per account and each account's yearly sum
-- run on the workers; only those sums (one row per account and year, not per reading) move to
-- meet the enterprises. With hourly smart-meter readings this is by far the largest table, and
-- accounts spread it evenly.
SELECT pg_temp.mujun_distribute('core.power_rows', 'account_no', 'none');
SELECT pg_temp.mujun_distribute('core.account_rows', 'account_no', 'core.power_rows');
-- Parcels are keyed by parcel_id, not by holder: a transfer changes the holder between batches,
-- and the current row per parcel (core.parcels_current) must see all of one parcel's rows on one
-- node. Parcels are few (500 000 at province scale); the land rules join them to their holders.
SELECT pg_temp.mujun_distribute('core.parcel_rows', 'parcel_id', 'none');
