-- Lists, shared step 2 of electricity and water: the enterprises with a surcharge above 0 and
-- why (spec lists.md "The lists", evaluation.md §7, details.md #44–47).
-- Sources: Suqian (宿迁), Jiangsu, 2022 — D-class firms pay a power surcharge by consecutive D
--   years, and a year's list applies from 1 January of the next; Taicang (太仓), Jiangsu, 2018 —
--   the water (sewage fee) surcharge; seed 002_32db2fb0d19ac012.txt 四.3 (金义新区) — firms with
--   idle land that fail to rectify "严格落实用电、用水等差别化政策".
--
-- The profile's `lists.surcharge.<list>` holds {C, D, idle}; D is one number or a list of steps.
-- Reasons, each counting only when its surcharge is above 0:
--   grade_D  final grade D in the published evaluation of year Y (list_context.evaluation_run_id);
--            the step is D[min(consecutive_d_years, number of steps)] (default electricity
--            1 → 0.05, 2 → 0.08, ≥ 3 → 0.10; water 0.17); not for a held D (indicators.md §7,
--            details.md #91: a D resting on missing data waits for a review; its land grounds count)
--   grade_C  final grade C, when the profile sets a C surcharge above 0 (0 by default)
--   IDLE-*   holds a parcel flagged IDLE-1/IDLE-2 in the flag run whose idle_cause is
--            `enterprise` (details.md #45: the same rule as grading's idle-land veto); under
--            land.require_determination (procedure.md §3) only when determined by the list date
--            and past its rectification deadline (details.md #120)
-- Where several apply, the larger surcharge applies, never their sum (lists.md, evaluation.md §7).
-- effective_from: a grade ground's is the grade's date (procedure.md §2: 1 January of Y+1, or
--   the publication date plus evaluation.effective_lead_days when later: a surcharge is never
--   dated before its decision); an idle ground's is the latest of determined_on, the day after the
--   deadline and the flag run's as-of date (edition 1: the as-of date). The row takes the date of
--   the ground whose surcharge applies, the earliest when several give it.
-- grade: the final published grade, empty when the enterprise has no row in that evaluation.
-- enterprise_name and region_code: the current registry's; else the graded row's; else the
--   parcel extract's as the flag run saw it (a holder missing from the registry).

CREATE TEMP TABLE list_enterprises ON COMMIT DROP AS
WITH rates AS (
    SELECT c.*, c.policy #> ARRAY['lists', 'surcharge', c.list] AS rate
    FROM list_context c
), reasons AS (
    -- Each ground with its surcharge and the day it takes effect.
    SELECT g.uscc, 'grade_D'::text AS code,
           CASE jsonb_typeof(r.rate -> 'D')
               WHEN 'array' THEN (r.rate -> 'D' ->> (least(greatest(g.consecutive_d_years, 1),
                                                            jsonb_array_length(r.rate -> 'D')) - 1))::numeric
               ELSE (r.rate ->> 'D')::numeric
           END AS surcharge,
           r.grade_effective_from AS effective
    FROM rates r
    JOIN runs.enterprise_grades g ON g.run_id = r.evaluation_run_id
    WHERE g.grade = 'D'
      AND NOT g.held_d   -- a held D is on no list for its grade until a review (details.md #91)
    UNION ALL
    SELECT g.uscc, 'grade_C', (r.rate ->> 'C')::numeric, r.grade_effective_from
    FROM rates r
    JOIN runs.enterprise_grades g ON g.run_id = r.evaluation_run_id
    WHERE g.grade = 'C'
    UNION ALL
    -- Idle land: cause `enterprise`; under land.require_determination only a parcel determined by
    -- the list date whose rectification deadline is before it (details.md #120), from the latest
    -- of determined_on, the day after the deadline and the flag run's as-of date.
    SELECT x.holder_uscc, code, (r.rate ->> 'idle')::numeric,
           CASE WHEN r.require_determination THEN greatest(x.determined_on, x.deadline + 1, r.flag_as_of)
                ELSE r.flag_as_of END
    FROM rates r
    JOIN list_parcels x ON true
    CROSS JOIN LATERAL unnest(x.codes) AS code
    WHERE code IN ('IDLE-1', 'IDLE-2')
      AND x.idle_cause = 'enterprise'
      AND (NOT r.require_determination OR (x.determined AND x.deadline < r.list_date))
), listed AS (
    -- The larger surcharge applies, never the sum; the row takes the date of the ground whose
    -- surcharge applies, the earliest among equals (procedure.md §2; details.md #131).
    SELECT uscc,
           max(surcharge) AS surcharge,
           array_agg(DISTINCT code COLLATE "C" ORDER BY code COLLATE "C") AS codes,
           string_agg(DISTINCT code COLLATE "C", ';' ORDER BY code COLLATE "C") AS reason_codes,
           (array_agg(effective ORDER BY surcharge DESC, effective))[1] AS effective_from
    FROM reasons
    WHERE surcharge > 0
    GROUP BY uscc
), parcel_holder AS (
    -- Name and region of a holder missing from the registry and from the grades: its first
    -- flagged parcel's (parcel_id order).
    SELECT DISTINCT ON (f.holder_uscc) f.holder_uscc AS uscc, f.holder_name, f.region_code
    FROM list_context c
    JOIN runs.parcel_flags f ON f.run_id = c.flag_run_id
    WHERE f.holder_uscc IN (SELECT uscc FROM listed)
    ORDER BY f.holder_uscc, f.parcel_id COLLATE "C"
)
SELECT l.uscc,
       l.surcharge,
       l.codes,
       l.reason_codes,
       coalesce(e.name, g.name, h.holder_name) AS enterprise_name,
       coalesce(e.region_code, g.region_code, h.region_code) AS region_code,
       g.grade,
       l.effective_from,
       pg_temp.list_basis_text(l.codes) AS basis
FROM listed l
CROSS JOIN list_context c
LEFT JOIN core.registry_current e ON e.uscc = l.uscc
LEFT JOIN runs.enterprise_grades g ON g.run_id = c.evaluation_run_id AND g.uscc = l.uscc
LEFT JOIN parcel_holder h ON h.uscc = l.uscc;

ANALYZE list_enterprises;
