-- Lists: a profile's enterprise consequence list (procedure.md §4; details.md #90, #91, #107,
-- #121): one row per enterprise that meets the list's grade trigger or its flag trigger, for the
-- department named in `recipient`. The list is `lists.enterprise_lists.<name>` of the export's
-- profile, e.g. in the default profile:
--   land-bidding          D-class firms barred from industrial-land auctions (seed
--                         001_0a030701a5241b7a.txt 二(四), 江阴)
--   finance-notice        idle-land information sent to financial regulators (seed
--                         000_a812d8cbf2a193c8.txt 三(二)5, 淮安)
--   incentive-suspension  preferential policies, permits and guarantees suspended for holders of
--                         determined idle or inefficient land (seed 003_a0174000c3a42330.txt
--                         五(三)4, 旌德)
--
-- Grade trigger (`grades`, e.g. [D]): the final grade in the published evaluation the list uses
--   (list_context: procedure.md §2), with `min_consecutive_d` (default 1) for a D; a held D never
--   triggers (details.md #91). Its date: the grade's (grade_effective_from).
-- Flag trigger (`flags`, families IDLE and INEFF): a parcel of the list's flag run with a code
--   of those families (list_parcels); under land.require_determination only parcels determined
--   by the list date (core.determined), any cause, dated by their determined_on; without it
--   (edition 1) every flagged parcel, dated by the flag run's as-of date (details.md #121).
-- flag_codes and determination_nos: those of the triggering parcels only, sorted, ';'-joined.
-- effective_from: the grade's when the grade triggers, else the earliest determined_on of the
--   triggering parcels; the earlier of the two when both trigger.
-- enterprise_name: the current registry's (empty for an enterprise without a registry row,
--   details.md #90); region_code: the registry's, else the graded row's, else the parcel's.
-- grade: the published final grade, empty without a row; consecutive_d_years: empty without a
--   graded (A–D) row. measures: joined with ';' in the profile's order; basis: the profile's.

INSERT INTO runs.list_rows (export_id, list, list_date, key, uscc, region_code, reason_codes, surcharge,
                            enterprise_name, grade, effective_from, basis, consecutive_d_years, measures,
                            determination_nos)
WITH def AS (
    SELECT c.*, c.policy #> ARRAY['lists', 'enterprise_lists', c.list] AS d
    FROM list_context c
), by_grade AS (
    SELECT g.uscc, d.grade_effective_from AS effective
    FROM def d
    JOIN runs.enterprise_grades g ON g.run_id = d.evaluation_run_id
    WHERE g.grade IN (SELECT jsonb_array_elements_text(coalesce(d.d -> 'grades', '[]')))
      AND NOT g.held_d
      AND (g.grade <> 'D' OR g.consecutive_d_years >= coalesce((d.d ->> 'min_consecutive_d')::int, 1))
), by_flag AS (
    SELECT x.holder_uscc AS uscc, code, x.determination_no, x.region_code,
           CASE WHEN d.require_determination THEN x.determined_on ELSE d.flag_as_of END AS effective
    FROM def d
    JOIN list_parcels x ON true
    CROSS JOIN LATERAL unnest(x.codes) AS code
    WHERE split_part(code, '-', 1) IN (SELECT jsonb_array_elements_text(coalesce(d.d -> 'flags', '[]')))
      AND (NOT d.require_determination OR x.determined)
), flagged AS (
    SELECT uscc,
           string_agg(DISTINCT code COLLATE "C", ';' ORDER BY code COLLATE "C") AS flag_codes,
           string_agg(DISTINCT determination_no COLLATE "C", ';' ORDER BY determination_no COLLATE "C") AS determination_nos,
           min(region_code) AS region_code,
           min(effective) AS effective
    FROM by_flag
    GROUP BY uscc
), listed AS (
    SELECT coalesce(g.uscc, f.uscc) AS uscc, f.flag_codes, f.determination_nos, f.region_code AS parcel_region,
           least(g.effective, f.effective) AS effective_from
    FROM by_grade g
    FULL JOIN flagged f ON f.uscc = g.uscc
)
SELECT d.export_id, d.list, d.list_date, l.uscc, l.uscc,
       coalesce(e.region_code, g.region_code, l.parcel_region),
       coalesce(l.flag_codes, ''), NULL,
       e.name, g.grade, l.effective_from,
       coalesce(d.d ->> 'basis', ''),
       CASE WHEN g.computed_grade IN ('A', 'B', 'C', 'D') THEN g.consecutive_d_years END,
       (SELECT string_agg(m, ';' ORDER BY n) FROM jsonb_array_elements_text(coalesce(d.d -> 'measures', '[]'))
                                                   WITH ORDINALITY AS x (m, n)),
       l.determination_nos
FROM listed l
CROSS JOIN def d
LEFT JOIN core.registry_current e ON e.uscc = l.uscc
LEFT JOIN runs.enterprise_grades g ON g.run_id = d.evaluation_run_id AND g.uscc = l.uscc;
