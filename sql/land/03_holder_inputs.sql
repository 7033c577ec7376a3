-- Land flags, step 3: the holder's monthly power and yearly per-mu tax, the inputs of the
-- INEFF tests (spec land.md "Inefficient"; details.md #26, #28, #29, #34, #53, #54, #59).
-- Sources: seed 003_a0174000c3a42330.txt 二(二)1 (连续停产满2年), 二(二)3 (两年亩均税收均值低于1万元,
--   不含土地使用税及房产税), 二(二)4 (企业已停工停产); 五(三)4 (供电供水供气部门配合).
-- Only parcels that are not idle are judged for INEFF-* (02_idle.sql), so only their holders
-- are looked up here.
--
-- Power (INEFF-1 b, INEFF-4):
--   The holder's power in a month is the sum over every power account linked to it
--   (core.power_account_links: manual mapping, uscc, or unique name; details.md #53).
--   A month is known when an applied power batch holds a row for it (details.md #28); a linked
--   account with no row in a known month counts 0 kWh that month (details.md #26); a linked
--   account with no power row at all is unknown (details.md #59); a holder with no linked
--   account has unknown power (spec land.md "Date arithmetic").
--   "Stopped in each of the last n complete months before D": the n calendar months ending
--   with the month before D's month (details.md #29). Three-valued: one known month above
--   stopped_month_max_kwh decides "not stopped"; otherwise any unknown makes it undecided.
-- Tax (INEFF-3):
--   Per-mu tax of year y = the holder's tax of y's 12 months, less the policy's
--   ineff3_tax_excludes (城镇土地使用税 and 房产税 by default), refunds included, an empty amount
--   0 — divided by the holder's industrial land in mu at y-12-31 (all its in-scope parcels
--   supplied by then; mu = m² × 15 / 10000). Years: the two calendar years before D's year.
--   A year needs all 12 tax months known (details.md #54), and land > 0 (details.md #34);
--   otherwise the test is undecided. A known year with no tax rows is 0.

-- Holders whose power matters: of a parcel not idle that is in production (INEFF-1 b) or
-- judicially seized (INEFF-4, which needs no production condition: details.md #34).
CREATE TEMP TABLE flag_power_holders ON COMMIT DROP AS
SELECT DISTINCT s.holder_uscc AS uscc
FROM flag_scope s
LEFT JOIN flag_idle i ON i.parcel_id = s.parcel_id
WHERE i.parcel_id IS NULL
  AND (s.in_production OR s.judicial_seizure);

CREATE TEMP TABLE flag_power_accounts ON COMMIT DROP AS
SELECT l.uscc, l.account_no, l.latest_period IS NULL AS without_rows
FROM core.power_account_links l
JOIN flag_power_holders h ON h.uscc = l.uscc;

-- The months of both windows, and whether each is known for power.
CREATE TEMP TABLE flag_power_months ON COMMIT DROP AS
SELECT m.month::date AS period,
       to_char(m.month, 'YYYY-MM') AS label,
       m.month >= f.stopped_window_start AS in_stopped_window,
       m.month >= f.seizure_window_start AS in_seizure_window,
       k.period IS NOT NULL AS known
FROM flag_params f
CROSS JOIN generate_series(least(f.stopped_window_start, f.seizure_window_start)::timestamp,
                           (f.month_of_as_of - 1)::timestamp, interval '1 month') AS m(month)
LEFT JOIN core.known_months k ON k.kind = 'power' AND k.period = m.month::date;

ANALYZE flag_power_holders;
ANALYZE flag_power_accounts;

-- Per account, in one pass over the current power rows of the windows (they come sorted by
-- account from core.power_current, so the grouping needs no sort of its own): whether some
-- month is above the limit, per window, and the months at or under the limit but above 0 kWh.
CREATE TEMP TABLE flag_account_power ON COMMIT DROP AS
SELECT c.account_no,
       coalesce(bool_or(c.kwh > f.stopped_month_max_kwh) FILTER (WHERE c.period >= f.stopped_window_start), false)
           AS running_in_stopped_window,
       coalesce(bool_or(c.kwh > f.stopped_month_max_kwh) FILTER (WHERE c.period >= f.seizure_window_start), false)
           AS running_in_seizure_window,
       jsonb_object_agg(to_char(c.period, 'YYYY-MM'), c.kwh) FILTER (WHERE c.kwh > 0 AND c.kwh <= f.stopped_month_max_kwh)
           AS low_kwh
FROM core.power_current c
CROSS JOIN flag_params f
-- The window's bounds as scalar subqueries, so that PostgreSQL drops the other months before
-- it sorts the rows for core.power_current.
WHERE c.period >= (SELECT least(stopped_window_start, seizure_window_start) FROM flag_params)
  AND c.period < (SELECT month_of_as_of FROM flag_params)
GROUP BY c.account_no;

ANALYZE flag_account_power;

-- Per holder. A holder is running in a month when the sum over its accounts is above the limit:
-- when one account is above it on its own (kWh are never negative), or, for a holder with several
-- accounts, when their months at or under the limit add up to more than it.
CREATE TEMP TABLE flag_holder_power ON COMMIT DROP AS
WITH accounts AS (
    SELECT a.uscc,
           array_agg(a.account_no ORDER BY a.account_no) AS accounts,
           array_agg('power.account_rows:' || a.account_no ORDER BY a.account_no) FILTER (WHERE a.without_rows)
               AS accounts_without_rows,
           coalesce(bool_or(p.running_in_stopped_window), false) AS running_in_stopped_window,
           coalesce(bool_or(p.running_in_seizure_window), false) AS running_in_seizure_window
    FROM flag_power_accounts a
    LEFT JOIN flag_account_power p ON p.account_no = a.account_no
    GROUP BY a.uscc
), low_months AS (
    SELECT a.uscc, m.key AS label, sum(m.value::numeric) AS kwh
    FROM flag_power_accounts a
    JOIN flag_account_power p ON p.account_no = a.account_no
    CROSS JOIN jsonb_each_text(p.low_kwh) AS m
    GROUP BY a.uscc, m.key
), low AS (
    SELECT l.uscc,
           bool_or(l.kwh > f.stopped_month_max_kwh AND l.label >= to_char(f.stopped_window_start, 'YYYY-MM'))
               AS running_in_stopped_window,
           bool_or(l.kwh > f.stopped_month_max_kwh AND l.label >= to_char(f.seizure_window_start, 'YYYY-MM'))
               AS running_in_seizure_window,
           -- The holder's months above 0 kWh, for the evidence of a stopped holder (every other
           -- month of a stopped holder is 0 kWh).
           jsonb_object_agg(l.label, l.kwh) AS low_kwh
    FROM low_months l
    CROSS JOIN flag_params f
    GROUP BY l.uscc
), unknown_months AS (
    SELECT coalesce(array_agg('power.month:' || label ORDER BY period) FILTER (WHERE in_stopped_window AND NOT known),
                    '{}') AS stopped_window,
           coalesce(array_agg('power.month:' || label ORDER BY period) FILTER (WHERE in_seizure_window AND NOT known),
                    '{}') AS seizure_window
    FROM flag_power_months
), facts AS (
    SELECT h.uscc, a.accounts, l.low_kwh,
           coalesce(a.running_in_stopped_window, false) OR coalesce(l.running_in_stopped_window, false)
               AS running_in_stopped_window,
           coalesce(a.running_in_seizure_window, false) OR coalesce(l.running_in_seizure_window, false)
               AS running_in_seizure_window,
           CASE WHEN a.uscc IS NULL THEN ARRAY['power.linked_account']
                ELSE coalesce(a.accounts_without_rows, '{}') || u.stopped_window END AS missing_stopped_window,
           CASE WHEN a.uscc IS NULL THEN ARRAY['power.linked_account']
                ELSE coalesce(a.accounts_without_rows, '{}') || u.seizure_window END AS missing_seizure_window
    FROM flag_power_holders h
    CROSS JOIN unknown_months u
    LEFT JOIN accounts a ON a.uscc = h.uscc
    LEFT JOIN low l ON l.uscc = h.uscc
)
SELECT x.*,
       CASE WHEN x.running_in_stopped_window THEN false
            WHEN cardinality(x.missing_stopped_window) > 0 THEN NULL
            ELSE true END AS stopped,
       CASE WHEN x.running_in_seizure_window THEN false
            WHEN cardinality(x.missing_seizure_window) > 0 THEN NULL
            ELSE true END AS seizure_stopped
FROM facts x;

-- The monthly kWh of holders found stopped, for the evidence: every month of the window, 0
-- where no account has a row (details.md #26).
CREATE TEMP TABLE flag_stopped_kwh ON COMMIT DROP AS
SELECT p.uscc,
       jsonb_object_agg(m.label, coalesce((p.low_kwh ->> m.label)::numeric, 0)) FILTER (WHERE m.in_stopped_window)
           AS stopped_window_kwh,
       jsonb_object_agg(m.label, coalesce((p.low_kwh ->> m.label)::numeric, 0)) FILTER (WHERE m.in_seizure_window)
           AS seizure_window_kwh
FROM flag_holder_power p
CROSS JOIN flag_power_months m
WHERE p.stopped OR p.seizure_stopped
GROUP BY p.uscc;

-- Holders whose tax matters: of a parcel not idle, in production for ineff3_min_production_years.
CREATE TEMP TABLE flag_tax_holders ON COMMIT DROP AS
SELECT DISTINCT s.holder_uscc AS uscc
FROM flag_scope s
CROSS JOIN flag_params f
LEFT JOIN flag_idle i ON i.parcel_id = s.parcel_id
WHERE i.parcel_id IS NULL
  AND s.production_start_on + make_interval(years => f.ineff3_min_production_years) <= f.as_of;

ANALYZE flag_tax_holders;

CREATE TEMP TABLE flag_holder_tax ON COMMIT DROP AS
WITH tax AS (
    -- One pass over the current tax rows of the two years (sorted by enterprise: no sort of its own).
    SELECT t.uscc,
           sum(t.amount) FILTER (WHERE t.period < f.tax_second_year_start) AS tax_1,
           sum(t.amount) FILTER (WHERE t.period >= f.tax_second_year_start) AS tax_2
    FROM (SELECT c.uscc, c.period,
                   CASE WHEN p.ineff3_counts_vat THEN coalesce(c.vat, 0) ELSE 0 END
                 + CASE WHEN p.ineff3_counts_corporate_income_tax THEN coalesce(c.corporate_income_tax, 0) ELSE 0 END
                 + CASE WHEN p.ineff3_counts_individual_income_tax THEN coalesce(c.individual_income_tax, 0) ELSE 0 END
                 + CASE WHEN p.ineff3_counts_other_taxes THEN coalesce(c.other_taxes, 0) ELSE 0 END
                 + CASE WHEN p.ineff3_counts_urban_land_use_tax THEN coalesce(c.urban_land_use_tax, 0) ELSE 0 END
                 + CASE WHEN p.ineff3_counts_property_tax THEN coalesce(c.property_tax, 0) ELSE 0 END
                   AS amount
          FROM core.tax_current c
          CROSS JOIN flag_params p
          -- Bounds as scalar subqueries, so that PostgreSQL drops the other months before it sorts.
          WHERE c.period >= (SELECT tax_years_start FROM flag_params)
            AND c.period < (SELECT tax_years_end FROM flag_params)) AS t
    CROSS JOIN flag_params f
    GROUP BY t.uscc
), known AS (
    SELECT coalesce(array_agg('tax.month:' || to_char(m.month, 'YYYY-MM') ORDER BY m.month)
                        FILTER (WHERE k.period IS NULL AND m.month < f.tax_second_year_start), '{}') AS missing_1,
           coalesce(array_agg('tax.month:' || to_char(m.month, 'YYYY-MM') ORDER BY m.month)
                        FILTER (WHERE k.period IS NULL AND m.month >= f.tax_second_year_start), '{}') AS missing_2
    FROM flag_params f
    CROSS JOIN generate_series(f.tax_years_start::timestamp, (f.tax_years_end - 1)::timestamp, interval '1 month') AS m(month)
    LEFT JOIN core.known_months k ON k.kind = 'tax' AND k.period = m.month::date
), land AS (
    SELECT s.holder_uscc AS uscc,
           coalesce(sum(s.area_m2) FILTER (WHERE s.supplied_on < f.tax_second_year_start), 0) AS land_1,
           coalesce(sum(s.area_m2) FILTER (WHERE s.supplied_on < f.tax_years_end), 0) AS land_2
    FROM flag_scope s
    JOIN flag_tax_holders h ON h.uscc = s.holder_uscc
    CROSS JOIN flag_params f
    GROUP BY s.holder_uscc
), both_years AS (
    SELECT h.uscc,
           f.as_of_year - 2 AS year_1, coalesce(t.tax_1, 0) AS tax_1, coalesce(l.land_1, 0) AS land_1,
           f.as_of_year - 1 AS year_2, coalesce(t.tax_2, 0) AS tax_2, coalesce(l.land_2, 0) AS land_2,
           k.missing_1
           || CASE WHEN coalesce(l.land_1, 0) = 0 THEN ARRAY['land.year_end:' || (f.as_of_year - 2)] ELSE '{}' END
           || k.missing_2
           || CASE WHEN coalesce(l.land_2, 0) = 0 THEN ARRAY['land.year_end:' || (f.as_of_year - 1)] ELSE '{}' END
               AS missing
    FROM flag_tax_holders h
    CROSS JOIN flag_params f
    CROSS JOIN known k
    LEFT JOIN tax t ON t.uscc = h.uscc
    LEFT JOIN land l ON l.uscc = h.uscc
)
SELECT y.*,
       -- mean(tax_i / (land_i × 15 / 10000)) < min, multiplied out so that no division rounds.
       CASE WHEN cardinality(y.missing) = 0
            THEN (y.tax_1 * y.land_2 + y.tax_2 * y.land_1) * 10000 < 2 * f.min_tax_per_mu_yuan * 15 * y.land_1 * y.land_2
       END AS tax_low
FROM both_years y
CROSS JOIN flag_params f;

ANALYZE flag_holder_power;
ANALYZE flag_holder_tax;
