-- Lists, last step of every list: what changes.csv says changed since the previous export of
-- the same list (spec lists.md, details.md #65). Runs after the list's rule files, in the
-- export's transaction, with mujun.export_id set and mujun.previous_export_id the latest
-- recorded export of the same list with an earlier list date ('' for the first export, when
-- every row is `added`).
--
-- A row is compared with the previous export's row of the same key (the account number, or the
-- parcel id): `added` when only this export has the key, `removed` when only the previous one
-- has it, `changed` when both have it with a different enterprise, reason codes or surcharge.
-- The file's order is `position`: change (added, changed, removed), then uscc, then key, in C
-- collation so that the bytes do not depend on the server's locale.

CREATE TEMP TABLE list_changes ON COMMIT DROP AS
WITH now AS (
    SELECT key, uscc, reason_codes, surcharge, grade FROM runs.list_rows
    WHERE export_id = current_setting('mujun.export_id')::bigint
), before AS (
    SELECT key, uscc, reason_codes, surcharge, grade FROM runs.list_rows
    WHERE export_id = nullif(current_setting('mujun.previous_export_id'), '')::bigint
), compared AS (
    SELECT CASE WHEN b.key IS NULL THEN 'added' WHEN n.key IS NULL THEN 'removed' ELSE 'changed' END AS change,
           coalesce(n.key, b.key) AS key,
           coalesce(n.uscc, b.uscc) AS uscc,
           coalesce(n.reason_codes, b.reason_codes) AS reason_codes,
           round(b.surcharge, 2)::text AS old_surcharge,
           round(n.surcharge, 2)::text AS new_surcharge,
           coalesce(n.grade, b.grade) AS grade
    FROM now n
    FULL JOIN before b ON b.key = n.key
    WHERE n.key IS NULL OR b.key IS NULL OR n.uscc <> b.uscc OR n.reason_codes <> b.reason_codes
       OR n.surcharge IS DISTINCT FROM b.surcharge
       -- Enterprise lists (no surcharge; details.md #90): a changed grade is a change too.
       OR (n.surcharge IS NULL AND b.surcharge IS NULL AND n.grade IS DISTINCT FROM b.grade)
)
SELECT row_number() OVER (ORDER BY change COLLATE "C", uscc COLLATE "C", key COLLATE "C") AS position,
       change, key, uscc, reason_codes, old_surcharge, new_surcharge, grade
FROM compared;
