#!/usr/bin/env bash
# Benchmark (not a test) of issue 17: the province data set of bench/gen_land.py (400 000
# enterprises, 500 000 parcels, 24 months of tax and power) through ingest, flag run,
# evaluation and export, on a Citus cluster and on plain PostgreSQL of the same machine, in one
# run; prints each step's time on both and the ratio, and has the coordinator log every statement
# of the Citus steps that runs over 10 s (log_min_duration_statement, in the coordinator's server
# log) so that the heaviest can be EXPLAINed there.
#
#   bench/citus_province.sh COORDINATOR [STEP_TIMEOUT_S=3600]
#
# COORDINATOR: a libpq connection string to an empty database with the citus extension and its
# workers (deploy/citus/README.md); it is migrated and distributed here. The plain side is a
# fresh database on the bench-land cluster of deploy/local (MUJUN_PG_NAME=bench-land). A step
# that runs past STEP_TIMEOUT_S is stopped and reported as such.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."
coordinator=${1:?usage: bench/citus_province.sh COORDINATOR [STEP_TIMEOUT_S]}
timeout_s=${2:-3600}
data=bench/out/land
out=bench/out/citus
mkdir -p "$out"
[ -f "$data/power_2025-12-31.csv" ] || python3 bench/gen_land.py "$data"
[ -f "$data/statistics_2024-12-31.csv" ] ||
    python3 bench/gen_statistics.py "$data/registry_2025-12-31.csv" "$data/statistics_2024-12-31.csv"

if [ -n "${MUJUN_BIN:-}" ]; then bin=$MUJUN_BIN; else
    swift build -c release --product mujun 2>&1 | tail -1
    bin=$(swift build -c release --show-bin-path)/mujun
fi

export MUJUN_PG_NAME=bench-land
deploy/local/pg.sh setup
plain_env=$(deploy/local/pg.sh start)
plain_host=$(eval "$plain_env"; echo "$PGHOST")
plain="host=$plain_host port=5432 user=postgres dbname=mujun_bench_citus_plain"
psql -X -d "host=$plain_host port=5432 user=postgres dbname=postgres" -qc "DROP DATABASE IF EXISTS mujun_bench_citus_plain WITH (FORCE)" \
    -c "CREATE DATABASE mujun_bench_citus_plain" >/dev/null

declare -A seconds
step() {  # side name command…
    local side=$1 name=$2; shift 2
    local start end status=0
    start=$(date +%s.%N)
    timeout "$timeout_s" "$@" >"$out/$side.$name.out" 2>"$out/$side.$name.err" || status=$?
    end=$(date +%s.%N)
    if [ $status = 124 ]; then seconds[$side.$name]="over ${timeout_s}"
    elif [ $status != 0 ]; then seconds[$side.$name]="failed($status)"; tail -3 "$out/$side.$name.err" >&2
    else seconds[$side.$name]=$(printf '%.1f' "$(echo "$end - $start" | bc)"); fi
    printf '%-6s %-9s %s s\n' "$side" "$name" "${seconds[$side.$name]}" >&2
}

for side in plain citus; do
    conn=$plain; [ "$side" = citus ] && conn=$coordinator
    "$bin" migrate --db "$conn" >/dev/null
    if [ "$side" = citus ]; then "$bin" migrate --distribute --db "$conn" >/dev/null; fi
    step "$side" ingest bash bench/citus_province_ingest.sh "$bin" "$data" "$conn"
    # Not auto_explain: on Citus 13.2 its EXPLAIN of a nested statement that reads a session
    # temporary table sends a worker a query naming a table the worker has not got, and the flag
    # run aborts; with log_analyze, Citus also refuses the statements that call
    # core.parcels_in_scope. The statement log costs nothing when a statement is fast.
    slow=""
    [ "$side" = citus ] && slow="-c log_min_duration_statement=10s"
    export PGOPTIONS="$slow"
    step "$side" flag "$bin" flag --as-of 2025-12-31 --db "$conn"
    step "$side" evaluate "$bin" evaluate --year 2024 --allow-incomplete --db "$conn"
    rm -rf "$out/$side.lists"
    step "$side" export "$bin" export all --date 2025-12-31 --out "$out/$side.lists" --db "$conn"
    unset PGOPTIONS
done

echo "step       PostgreSQL   Citus (coordinator + workers)   Citus / PostgreSQL"
for name in ingest flag evaluate export; do
    p=${seconds[plain.$name]} c=${seconds[citus.$name]}
    ratio=$( [[ $p =~ ^[0-9.]+$ && $c =~ ^[0-9.]+$ ]] && printf '%.1f×' "$(echo "$c / $p" | bc -l)" || echo "-")
    printf '%-10s %10s s %14s s %20s\n' "$name" "$p" "$c" "$ratio"
done
if diff -r "$out/plain.lists" "$out/citus.lists" >/dev/null 2>&1; then echo "lists: the same bytes on both"; else echo "lists: DIFFERENT (or missing)"; fi
echo "statements over 10 s: the 'duration:' lines of the coordinator's server log"
