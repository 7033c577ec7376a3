#!/usr/bin/env bash
# The kill test (issue 16, not a CI test): repeats `kill -9` at random moments of `mujun ingest`,
# `flag`, `evaluate`, `export` and `mujun run nightly` on a small generated county, and checks
# after each kill that nothing is partial and that finishing the work gives what a clean run
# gives.
#
#   bench/kill_test.sh [KILLS=25] [ENTERPRISES=2000]
#
# Each kill gets a database of its own (from a migrated template). The pipeline is
#   steps: ingest --inbox → flag → evaluate --publish → export all
#   run:   run nightly (ingest-inbox, flag, export) → evaluate --publish → export all
# One stage of it is killed after a random delay within that stage's clean running time; then
#   - nothing partial: every batch is applied or refused (no other state, no staging table left),
#     every flag and evaluation run is finished, every published export's folder passes
#     `sha256sum -c` against its manifest, and the advisory locks are gone within 5 s;
#   - the killed stage and the stages after it are run again, and the grades, flags, list rows,
#     batches and list CSV files equal those of a clean run (ids and times aside: a killed
#     transaction still uses up sequence values).
# Uses its own cluster (MUJUN_PG_NAME=kill) and a debug build; prints a line per kill and a total.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."
kills=${1:-25}
enterprises=${2:-2000}
work=$(mktemp -d /tmp/mujun-kill.XXXXXX)
trap 'rm -rf "$work"' EXIT

export MUJUN_PG_NAME=kill
deploy/local/pg.sh setup >/dev/null
eval "$(deploy/local/pg.sh start)"
swift build --product mujun 2>&1 | tail -1
bin=$(swift build --show-bin-path)/mujun
export MUJUN_TODAY=2025-03-15
date=2025-03-15

"$bin" generate --enterprises "$enterprises" --years 2023-2024 --seed 11 --out "$work/extracts" >/dev/null
psql -d postgres -qAt -c "DROP DATABASE IF EXISTS kill_template" -c "CREATE DATABASE kill_template" >/dev/null
PGDATABASE=kill_template "$bin" migrate >/dev/null 2>&1

jobs="$work/jobs"
mkdir -p "$jobs"
cat >"$jobs/nightly.yaml" <<EOF
name: nightly
schedule: "30 2 * * *"
policy: default
retry: {attempts: 3, backoff_seconds: 0.2, max_backoff_seconds: 1}
folders: {inbox: /nonexistent, out: /nonexistent}
steps:
  - ingest-inbox
  - flag: {as_of: today}
  - export: {lists: all}
EOF

# A fresh database and drop folder for one pipeline.
fresh() {
    local db=$1 dir=$2
    PGOPTIONS='-c client_min_messages=warning' psql -d postgres -qAt -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" \
        -c "CREATE DATABASE $db TEMPLATE kill_template" >/dev/null
    rm -rf "$dir"; mkdir -p "$dir/inbox" "$dir/lists"
    cp "$work"/extracts/*.csv "$dir/inbox/"
    touch -d '10 minutes ago' "$dir"/inbox/*.csv
}

# stage NAME DB DIR: runs one stage to the end.
stage() {
    local name=$1 db=$2 dir=$3
    case $name in
        ingest) PGDATABASE=$db "$bin" ingest --inbox "$dir/inbox" ;;
        flag) PGDATABASE=$db "$bin" flag --as-of "$date" ;;
        evaluate) PGDATABASE=$db "$bin" evaluate --year 2024 --publish --allow-incomplete ;;
        export) PGDATABASE=$db "$bin" export all --date "$date" --out "$dir/lists" ;;
        run) PGDATABASE=$db "$bin" run nightly --jobs-dir "$jobs" --date "$date" --inbox "$dir/inbox" --out "$dir/lists" ;;
    esac
}

pipeline_of() { if [ "$1" = run ]; then echo "run evaluate export"; else echo "ingest flag evaluate export"; fi; }

# What must equal a clean run's: no ids, no times.
results() {
    local db=$1 dir=$2
    psql -d "$db" -XAtq -v ON_ERROR_STOP=1 <<'SQL'
SELECT 'batch', kind, regexp_replace(file_name, '^.*/', ''), status, rows_read, rows_loaded, rows_rejected FROM runs.batches ORDER BY 2, 3, 4;
SELECT 'grade', uscc, year, grade, computed_grade, score, reasons FROM mart.enterprise_grades ORDER BY 2, 3;
SELECT 'flag', parcel_id, flag_code, since FROM mart.parcel_flags ORDER BY 2, 3;
SELECT 'list', list, list_date, key, uscc, reason_codes, surcharge FROM mart.policy_list_rows ORDER BY 2, 3, 4;
SQL
    (cd "$dir/lists" && find . -name '*.csv' -print0 | sort -z | xargs -0 sha256sum)
}

# Nothing partial in DB after a kill; prints what is wrong, returns 1 if anything is.
check_nothing_partial() {
    local db=$1 dir=$2 bad=0
    for _ in $(seq 1 50); do
        [ "$(psql -d "$db" -XAtq -c "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")" = 0 ] && break
        sleep 0.1
    done
    local q
    q=$(psql -d "$db" -XAtq <<'SQL'
SELECT 'advisory lock still held' FROM pg_locks WHERE locktype = 'advisory'
  AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) LIMIT 1;
SELECT 'batch ' || batch_id || ' is ' || status FROM runs.batches WHERE status NOT IN ('applied', 'refused');
SELECT 'flag run ' || run_id || ' unfinished' FROM runs.flag_runs WHERE finished_at IS NULL;
SELECT 'evaluation run ' || run_id || ' unfinished' FROM runs.evaluation_runs WHERE finished_at IS NULL;
SELECT 'staging table left: ' || tablename FROM pg_tables t WHERE schemaname = 'staging'
  AND NOT EXISTS (SELECT 1 FROM runs.batches b WHERE b.status = 'refused' AND t.tablename LIKE '%' || b.batch_id);
SQL
)
    if [ -n "$q" ]; then echo "$q" | sed 's/^/      /'; bad=1; fi
    while IFS= read -r folder; do
        [ -n "$folder" ] || continue
        if ! (cd "$folder" && python3 - <<'PY'
import hashlib, json, sys
m = json.load(open("manifest.json"))
for name, digest in m["files"].items():
    if hashlib.sha256(open(name, "rb").read()).hexdigest() != digest:
        sys.exit(1)
PY
        ); then echo "      published folder $folder fails its manifest"; bad=1; fi
    done < <(psql -d "$db" -XAtq -c "SELECT DISTINCT folder FROM runs.list_exports WHERE published_at IS NOT NULL")
    return $bad
}

echo "clean runs…"
declare -A took
for path in steps run; do
    fresh "kill_ref_$path" "$work/ref_$path"
    for s in $(pipeline_of "$path"); do
        t0=$(date +%s.%N)
        stage "$s" "kill_ref_$path" "$work/ref_$path" >/dev/null 2>&1
        [ -n "${took[$s]:-}" ] || took[$s]=$(python3 -c "print($(date +%s.%N) - $t0)")
    done
    results "kill_ref_$path" "$work/ref_$path" >"$work/ref_$path.txt"
done

failures=0 killed=0
victims=(ingest flag evaluate export run)
for i in $(seq 1 "$kills"); do
    victim=${victims[$(( (i - 1) % ${#victims[@]} ))]}
    path=steps; [ "$victim" = run ] && path=run
    db=kill_$i dir="$work/k$i"
    fresh "$db" "$dir"
    stages=$(pipeline_of "$path")
    # The stages before the victim, to the end.
    for s in $stages; do [ "$s" = "$victim" ] && break; stage "$s" "$db" "$dir" >/dev/null 2>&1; done
    # Within the stage's clean running time, so that most kills land while it runs.
    delay=$(python3 -c "import random; print(round(random.uniform(0.02, max(0.05, 0.9 * ${took[$victim]})), 2))")
    ( stage "$victim" "$db" "$dir" >/dev/null 2>&1 ) &
    pid=$!
    sleep "$delay"
    # The mujun process itself (the subshell's child), not only the subshell.
    when="killed"
    pkill -9 -P "$pid" mujun 2>/dev/null || when="had ended"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    verdict=()
    problems=$(check_nothing_partial "$db" "$dir") || verdict+=("PARTIAL")
    # Rerun the victim and what follows it.
    after=false
    for s in $stages; do
        [ "$s" = "$victim" ] && after=true
        if $after; then stage "$s" "$db" "$dir" >/dev/null 2>&1 || true; fi
    done
    results "$db" "$dir" >"$work/k$i.txt"
    diff -q "$work/k$i.txt" "$work/ref_$path.txt" >/dev/null || verdict+=("DIFFERS from the clean run")
    printf 'kill %2d: %-8s after %4.2f s (%s): %s\n' "$i" "$victim" "$delay" "$when" "${verdict[*]:-ok}"
    [ "$when" = killed ] && killed=$((killed + 1))
    [ -n "$problems" ] && echo "$problems"
    [ ${#verdict[@]} = 0 ] || failures=$((failures + 1))
    psql -d postgres -qAt -c "DROP DATABASE $db WITH (FORCE)" >/dev/null
done
echo "total: $kills kills ($killed while the stage ran), $((kills - failures)) clean, $failures with problems"
[ "$failures" = 0 ]
