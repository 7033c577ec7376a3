-- The rectification deadline of a determined parcel (整改期限, procedure.md §3; details.md #86,
-- #120): `rectify_by` when the parcels extract gives it, else determined_on + land.rectify_years
-- years (default 1: seed 002_32db2fb0d19ac012.txt, 原则上应在1年内完成整改). The idle-land veto
-- needs it passed by Y-12-31 (≤), the idle surcharges before the list date (<): seed 002 四.3
-- ties both to failing to rectify in time. NULL for an undetermined parcel without rectify_by.
CREATE OR REPLACE FUNCTION core.rectify_deadline(rectify_by date, determined_on date, policy jsonb)
RETURNS date
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(rectify_deadline.rectify_by,
                    (rectify_deadline.determined_on
                     + make_interval(years => coalesce((rectify_deadline.policy #>> '{land,rectify_years}')::int, 1)))::date)
$$;
COMMENT ON FUNCTION core.rectify_deadline(date, date, jsonb) IS
    '整改期限：rectify_by，否则认定日期 + land.rectify_years 年 / rectification deadline: rectify_by, else determined_on + land.rectify_years years';
