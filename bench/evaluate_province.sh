#!/usr/bin/env bash
# Benchmark (not a test) of issue 5: `mujun evaluate --year 2024` on the province-scale data set
# of bench/gen_land.py (400 000 enterprises, 500 000 parcels, 24 months of tax and power, of
# which the 12 months of 2024 are graded). Goal: under 2 minutes on this 2-core machine.
# Prints the time and peak RSS of mujun, the server's peak memory, and captures the plans of
# the grading statements over 2 s (EXPLAIN ANALYZE via auto_explain) in bench/out/land/.
#
#   bench/evaluate_province.sh        (reuses the database bench/flag_province.sh loaded, if any)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."
out=bench/out/land
mkdir -p "$out"

export MUJUN_PG_NAME=bench-land
deploy/local/pg.sh setup
eval "$(deploy/local/pg.sh start)"
export PGDATABASE=mujun_bench_land
swift build -c release --product mujun 2>&1 | tail -1
bin=$(swift build -c release --show-bin-path)/mujun

if ! psql -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$PGDATABASE'" | grep -q 1; then
    psql -d postgres -qc "CREATE DATABASE $PGDATABASE"
    "$bin" migrate >/dev/null
    [ -f "$out/power_2025-12-31.csv" ] || python3 bench/gen_land.py "$out"
    for kind in registry parcels tax power; do
        "$bin" ingest "$kind" "$out/${kind}_2025-12-31.csv" --max-reject-ratio 0 2>&1 | grep -E "read" || true
    done
    psql -qc "VACUUM ANALYZE" >/dev/null
fi
"$bin" migrate >/dev/null 2>&1
psql -Atc "SELECT 'enterprises ' || count(*) FROM core.registry_current
           UNION ALL SELECT 'tax rows of 2024 ' || count(*) FROM core.tax_rows WHERE period BETWEEN '2024-01-01' AND '2024-12-01'
           UNION ALL SELECT 'power rows of 2024 ' || count(*) FROM core.power_rows WHERE period BETWEEN '2024-01-01' AND '2024-12-01'"

# The server's memory: the peak RSS of its processes, sampled while the run goes.
server_peak() {
    local pid peak=0
    while kill -0 "$1" 2>/dev/null; do
        local total=0
        for pid in $(pgrep -f "postgres: .*$PGDATABASE" || true); do
            total=$((total + $(awk '/VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)))
        done
        [ "$total" -gt "$peak" ] && peak=$total
        sleep 0.5
    done
    echo "$peak"
}

/usr/bin/time -f "evaluate: %e s wall, mujun max RSS %M KiB" -o "$out/evaluate.time" \
    "$bin" evaluate --year 2024 --allow-incomplete --json >"$out/evaluate.json" &
job=$!
peak=$(server_peak "$job")
wait "$job"
cat "$out/evaluate.time"
echo "server backends' peak RSS: $((peak / 1024)) MiB (shared buffers counted once per backend that touched them)"
python3 -c "import json,sys; s=json.load(open('$out/evaluate.json')); print('grades:', s['grades'], 'complete:', s['complete'])"

log=$(dirname "$PGHOST")/server.log
start=$(wc -l <"$log")
PGOPTIONS="-c session_preload_libraries=auto_explain -c auto_explain.log_min_duration=2s -c auto_explain.log_analyze=on \
 -c auto_explain.log_buffers=on -c auto_explain.log_nested_statements=on -c auto_explain.log_level=warning" \
    /usr/bin/time -f "explained run: %e s wall (with ANALYZE timing overhead)" "$bin" evaluate --year 2024 --allow-incomplete >/dev/null 2>&1
tail -n +"$((start + 1))" "$log" | sed -n '/duration: /,$p' >"$out/evaluate-plans.txt"
echo "plans of the statements over 2 s: $out/evaluate-plans.txt ($(grep -c 'duration: ' "$out/evaluate-plans.txt") statements)"
grep -o 'duration: [0-9.]* ms' "$out/evaluate-plans.txt" | sort -t' ' -k2 -rn | head -10
