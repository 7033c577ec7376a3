#!/usr/bin/env bash
# Benchmark (not a test) of issue 14, in one run on the province data set of bench/gen_land.py
# (400 000 enterprises) plus a statistics row of 2024 for each above-scale firm
# (bench/gen_statistics.py):
#   1. `mujun ingest statistics` against `psql \copy` of the same file into a plain table with
#      the same columns, alternated REPS times; goal: throughput ratio (copy / mujun) ≥ 0.8;
#   2. `mujun evaluate --year 2024` under the default profile (three indicators) and under
#      zhejiang-huangyan (six above scale, two below), alternated REPS times; goal: the
#      six-indicator run within 1.3× of the three-indicator one, and under 2 minutes.
#
#   bench/evaluate_profiles.sh [REPS=3]
#
# Uses the cluster MUJUN_PG_NAME=bench-land and a fresh database made from its template
# prov_base when there is one (the four extracts already loaded), else loads them; a release
# build (MUJUN_BIN overrides). Leaves the cluster running.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."
reps=${1:-3}
out=bench/out/land
mkdir -p "$out"

export MUJUN_PG_NAME=bench-land
deploy/local/pg.sh setup
eval "$(deploy/local/pg.sh start)"
export PGDATABASE=mujun_bench_ed2
if [ -n "${MUJUN_BIN:-}" ]; then bin=$MUJUN_BIN; else
    swift build -c release --product mujun 2>&1 | tail -1
    bin=$(swift build -c release --show-bin-path)/mujun
fi

psql -d postgres -qc "DROP DATABASE IF EXISTS $PGDATABASE WITH (FORCE)" >/dev/null
if psql -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = 'prov_base'" | grep -q 1; then
    psql -d postgres -qc "CREATE DATABASE $PGDATABASE TEMPLATE prov_base" >/dev/null
    "$bin" migrate >/dev/null 2>&1
else
    psql -d postgres -qc "CREATE DATABASE $PGDATABASE" >/dev/null
    "$bin" migrate >/dev/null 2>&1
    [ -f "$out/power_2025-12-31.csv" ] || python3 bench/gen_land.py "$out"
    for kind in registry parcels tax power; do
        "$bin" ingest "$kind" "$out/${kind}_2025-12-31.csv" --max-reject-ratio 0 2>&1 | grep -E "read" || true
    done
fi
stats="$out/statistics_2024-12-31.csv"
[ -f "$stats" ] || python3 bench/gen_statistics.py "$out/registry_2025-12-31.csv" "$stats"
echo "statistics file: $stats ($(du -m "$stats" | cut -f1) MiB, $(($(wc -l <"$stats") - 1)) rows)"

psql -qAt >/dev/null <<'SQL'
DROP TABLE IF EXISTS public.bench_statistics_plain;
CREATE TABLE public.bench_statistics_plain (
    uscc text, year text, enterprise_name text, value_added numeric(18,2), revenue numeric(18,2),
    output_value numeric(18,2), rd_expense numeric(18,2), employees_avg integer, energy_tce numeric,
    emissions_t numeric, tech_investment numeric(18,2));
SQL
reset_statistics() {
    psql -qAt >/dev/null <<'SQL'
DO $$ DECLARE t text; BEGIN
  FOR t IN SELECT c.oid::regclass::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
           WHERE i.inhparent = 'core.statistics_rows'::regclass LOOP EXECUTE 'DROP TABLE ' || t; END LOOP;
  FOR t IN SELECT schemaname || '.' || tablename FROM pg_tables WHERE schemaname = 'staging' LOOP
    EXECUTE 'DROP TABLE ' || t; END LOOP;
END $$;
DELETE FROM runs.rejects WHERE batch_id IN (SELECT batch_id FROM runs.batches WHERE kind = 'statistics');
DELETE FROM runs.batches WHERE kind = 'statistics';
CHECKPOINT;
SQL
}
timed() { /usr/bin/time -f '%e %M' -o "$out/time.txt" "$@" >/dev/null 2>"$out/stderr.txt" || { cat "$out/stderr.txt" >&2; exit 1; }; tail -1 "$out/time.txt"; }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

mujun_t=(); copy_t=()
for i in $(seq 1 "$reps"); do
    reset_statistics
    read -r t m < <(timed "$bin" ingest statistics "$stats" --force --as-of 2025-03-31 --max-reject-ratio 0)
    mujun_t+=("$t")
    psql -qAt -c "TRUNCATE public.bench_statistics_plain" -c "CHECKPOINT" >/dev/null
    read -r t m < <(timed psql -qAt -c "\\copy public.bench_statistics_plain FROM '$stats' CSV HEADER")
    copy_t+=("$t")
    echo "ingest rep $i: mujun ${mujun_t[-1]} s, \\copy ${copy_t[-1]} s" >&2
done
mm=$(median "${mujun_t[@]}"); cm=$(median "${copy_t[@]}")
echo "statistics ingest, median: mujun ${mm} s, psql \\copy ${cm} s; throughput ratio (copy / mujun) $(awk -v a="$cm" -v b="$mm" 'BEGIN {printf "%.2f", a/b}')"
psql -Atc "SELECT 'statistics rows loaded ' || rows_loaded || ', rejected ' || rows_rejected FROM runs.batches WHERE kind = 'statistics'"
psql -qc "VACUUM ANALYZE" >/dev/null

default_t=(); huangyan_t=()
for i in $(seq 1 "$reps"); do
    read -r t m < <(timed "$bin" evaluate --year 2024 --allow-incomplete)
    default_t+=("$t")
    read -r t m < <(timed "$bin" evaluate --year 2024 --allow-incomplete --policy zhejiang-huangyan)
    huangyan_t+=("$t")
    echo "evaluate rep $i: default ${default_t[-1]} s, zhejiang-huangyan ${huangyan_t[-1]} s (peak RSS $((m / 1024)) MiB)" >&2
done
dm=$(median "${default_t[@]}"); hm=$(median "${huangyan_t[@]}")
echo "evaluate, median: default (3 indicators) ${dm} s, zhejiang-huangyan (6 + 2) ${hm} s; ratio $(awk -v a="$hm" -v b="$dm" 'BEGIN {printf "%.2f", a/b}') (goal ≤ 1.3, and under 120 s)"
psql -Atc "SELECT r.policy_name || ': ' || string_agg(g.grade || ' ' || g.n, ', ' ORDER BY g.grade)
           FROM (SELECT run_id, grade, count(*) AS n FROM runs.enterprise_grades GROUP BY 1, 2) g
           JOIN runs.evaluation_runs r USING (run_id)
           WHERE r.run_id IN (SELECT max(run_id) FROM runs.evaluation_runs GROUP BY policy_name)
           GROUP BY r.policy_name ORDER BY 1"
