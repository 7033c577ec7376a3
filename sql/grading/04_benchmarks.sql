-- Grading step 4: one row per cohort and weighted indicator of its scale, with the method and
-- its parameters (spec indicators.md §3; evaluation.md §3; details.md #40, #93, #100, #118).
--
-- Over the graded set of the cohort (not N, not T, not exempted) and the indicator's defined
-- values (negative ones included): n_defined, mean, min, max, all on unrounded values. `mean`
-- is always this run's own same-year mean (details.md #118).
-- Parameters, from the profile's grading.indicators.<scale>.<indicator>:
--   method           ratio (default) or minmax
--   benchmark        ratio: the fixed value if given (`fixed`); else benchmark_factor × a mean:
--                    same_year (default): this cohort's mean;
--                    previous_year (Huai'an 2024: 参照上年度平均值的2倍左右): the mean the
--                    published run of Y−1 stored for the same cohort name, else for its scale's
--                    name (details.md #93, #118), recorded in basis_run_id. When no year before
--                    Y was ever published it falls back to same_year and says so (`fell_back`,
--                    and a note on the run; details.md #100); when an earlier year was published
--                    but Y−1's row is missing, the run is refused (SQLSTATE MJ065 → exit 65)
--                    naming the cohort and the indicator.
--                    No defined value (NULL mean) is a non-positive benchmark: it scores 0.
--   cap              ratio: the key's value, `null` for no upper clamp, grading.ratio_cap when absent
--   floor            minmax: default 0.2
--   missing          zero (default), cohort_mean or reweight: what an undefined value scores
-- region_code: the cohort's region when cohorts are split by region (mart.grade_benchmarks
-- shows a region analyst the rows of their regions).

CREATE TEMP TABLE run_benchmarks ON COMMIT DROP AS
WITH cohorts AS (
    SELECT g.cohort, min(g.region_code) AS region_code, bool_or(g.above_scale) AS above_scale
    FROM run_grades g
    WHERE g.computed_grade IS NULL
    GROUP BY g.cohort
), indicators AS (
    SELECT c.cohort, c.above_scale,
           CASE WHEN run.cohort_by_region AND position('|' IN c.cohort) > 0 THEN c.region_code END AS region_code,
           i.key AS indicator,
           (i.value ->> 'weight')::numeric AS weight,
           coalesce(i.value ->> 'method', 'ratio') AS method,
           (i.value ->> 'benchmark')::numeric AS fixed_benchmark,
           CASE WHEN coalesce(i.value ->> 'method', 'ratio') = 'ratio' AND NOT i.value ? 'benchmark'
                THEN coalesce(i.value ->> 'benchmark_basis', 'same_year') END AS benchmark_basis,
           CASE WHEN coalesce(i.value ->> 'method', 'ratio') <> 'ratio' THEN NULL
                WHEN i.value ? 'cap' THEN (i.value ->> 'cap')::numeric
                ELSE run.ratio_cap END AS cap,
           CASE WHEN i.value ->> 'method' = 'minmax' THEN coalesce((i.value ->> 'floor')::numeric, 0.2) END AS floor,
           coalesce(i.value ->> 'missing', 'zero') AS missing
    FROM cohorts c
    CROSS JOIN grading_run run
    CROSS JOIN LATERAL jsonb_each(run.policy #> ARRAY['grading', 'indicators',
                                                      CASE WHEN c.above_scale THEN 'above' ELSE 'below' END]) AS i
    WHERE (i.value ->> 'weight')::numeric > 0
), values AS (
    SELECT g.cohort, v.indicator, v.x
    FROM run_grades g
    CROSS JOIN LATERAL (VALUES ('tax_per_mu', g.tax_per_mu), ('sales_per_mu', g.sales_per_mu),
                               ('tax_per_kwh', g.tax_per_kwh), ('value_added_per_mu', g.value_added_per_mu),
                               ('value_added_per_tce', g.value_added_per_tce),
                               ('value_added_per_emission', g.value_added_per_emission),
                               ('labour_productivity', g.labour_productivity), ('rd_ratio', g.rd_ratio),
                               ('tech_investment_per_mu', g.tech_investment_per_mu),
                               ('tax_per_emission', g.tax_per_emission)) AS v (indicator, x)
    WHERE g.computed_grade IS NULL
      AND v.x IS NOT NULL
), stats AS (
    SELECT cohort, indicator, count(x) AS n_defined, avg(x) AS mean, min(x) AS min, max(x) AS max
    FROM values GROUP BY cohort, indicator
), previous_run AS (
    SELECT (SELECT r.run_id FROM runs.evaluation_runs r WHERE r.published AND r.year = run.year - 1) AS run_id,
           EXISTS (SELECT 1 FROM runs.evaluation_runs r WHERE r.published AND r.year < run.year) AS any_published
    FROM grading_run run
)
SELECT i.cohort, i.region_code, i.indicator, i.weight, i.method, i.benchmark_basis, i.cap, i.floor, i.missing,
       coalesce(s.n_defined, 0) AS n_defined, s.mean, s.min, s.max, i.fixed_benchmark,
       coalesce(i.benchmark_basis = 'previous_year' AND NOT p.any_published, false) AS fell_back,
       CASE WHEN i.benchmark_basis = 'previous_year' AND p.any_published THEN p.run_id END AS basis_run_id,
       CASE WHEN i.benchmark_basis = 'previous_year' AND p.any_published
            THEN coalesce(prev_own.mean_found, prev_scale.mean_found) END AS previous_found,
       CASE WHEN i.benchmark_basis = 'previous_year' AND p.any_published
            THEN CASE WHEN prev_own.mean_found THEN prev_own.mean ELSE prev_scale.mean END END AS previous_mean
FROM indicators i
CROSS JOIN previous_run p
LEFT JOIN stats s ON s.cohort = i.cohort AND s.indicator = i.indicator
LEFT JOIN LATERAL (SELECT true AS mean_found, b.mean FROM runs.grade_benchmarks b
                   WHERE b.run_id = p.run_id AND b.cohort = i.cohort AND b.indicator = i.indicator) prev_own ON true
LEFT JOIN LATERAL (SELECT true AS mean_found, b.mean FROM runs.grade_benchmarks b
                   WHERE b.run_id = p.run_id AND b.indicator = i.indicator
                     AND b.cohort = CASE WHEN i.above_scale THEN 'above' ELSE 'below' END) prev_scale ON true;

-- An earlier year published, but no row of Y−1 to read: refused, naming what is missing.
DO $$
DECLARE
    missing text;
BEGIN
    SELECT string_agg(b.cohort || ' ' || b.indicator, ', ' ORDER BY b.cohort, b.indicator) INTO missing
    FROM run_benchmarks b
    WHERE b.benchmark_basis = 'previous_year' AND NOT b.fell_back AND b.previous_found IS NULL;
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'previous_year benchmark: the published evaluation of % has no benchmark row for %; publish % first, or use benchmark_basis same_year',
            (SELECT year - 1 FROM grading_run), missing, (SELECT year - 1 FROM grading_run)
            USING ERRCODE = 'MJ065';
    END IF;
END
$$;

INSERT INTO runs.grade_benchmarks (run_id, cohort, indicator, weight, n_defined, mean, benchmark, fixed, method,
                                   benchmark_basis, fell_back, basis_run_id, cap, floor, missing, min, max, region_code)
SELECT run.run_id, b.cohort, b.indicator, b.weight, b.n_defined, b.mean,
       CASE WHEN b.method = 'minmax' THEN NULL
            WHEN b.fixed_benchmark IS NOT NULL THEN b.fixed_benchmark
            WHEN b.benchmark_basis = 'previous_year' AND NOT b.fell_back THEN run.benchmark_factor * b.previous_mean
            ELSE run.benchmark_factor * b.mean END,
       b.fixed_benchmark IS NOT NULL, b.method, b.benchmark_basis, b.fell_back, b.basis_run_id, b.cap, b.floor,
       b.missing, b.min, b.max, b.region_code
FROM run_benchmarks b
CROSS JOIN grading_run run;

-- Citus may not read this session's tables in an UPDATE of a reference table, so the notes are
-- gathered first and reach the UPDATE as a value (docs/architecture.md, "Citus").
DO $$
DECLARE
    fell_back text[];
BEGIN
    SELECT array_agg('previous_year benchmark of ' || b.cohort || ' ' || b.indicator
                     || ': no earlier year published, same_year used' ORDER BY b.cohort, b.indicator)
    INTO fell_back
    FROM run_benchmarks b WHERE b.fell_back;
    IF fell_back IS NOT NULL THEN
        UPDATE runs.evaluation_runs r SET notes = r.notes || fell_back
        WHERE r.run_id = current_setting('mujun.run_id')::bigint;
    END IF;
END
$$;
