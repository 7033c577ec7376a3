-- Determined (认定) as of a date (procedure.md §3; details.md #101, #108): the one definition the
-- flag run's recommendation, grading's idle-land veto, the freeze list, the utility lists' idle
-- grounds, the enterprise lists and the verification list all use. A parcel is determined as of D
-- when it has a determination number (认定书编号, not blank) and a determination date on or before
-- D; a number without a date, or a date without a number, is not a determination. A
-- determination covers every IDLE-*/INEFF-* code the parcel carries.
-- Sources: seed 000_a812d8cbf2a193c8.txt 三(二)5 (被认定为闲置土地); seed 003_a0174000c3a42330.txt
--   五(三)4 (对被认定为闲置低效工业用地的企业).
CREATE OR REPLACE FUNCTION core.determined(determination_no text, determined_on date, as_of date)
RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(btrim(determined.determination_no), '') <> ''
       AND determined.determined_on IS NOT NULL
       AND determined.determined_on <= determined.as_of
$$;
COMMENT ON FUNCTION core.determined(text, date, date) IS
    '截至某日是否已认定（认定书编号与认定日期齐备且不晚于该日）/ determined as of a date: a determination number and a determination date on or before it';
