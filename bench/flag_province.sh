#!/usr/bin/env bash
# Benchmark (not a test) of issue 4: `mujun flag` on a province-scale data set — 400 000
# enterprises, 500 000 parcels, 24 months of power and tax — loaded with `mujun ingest`.
# Goal: a flag run under 2 minutes on the 2-core machine of docs/benchmarks.md.
#
#   bench/flag_province.sh [RUNS=2]
#
# Uses a release build and its own cluster (MUJUN_PG_NAME=bench-land), generates the extracts
# once into bench/out/land/ (bench/gen_land.py, deterministic), loads them into a fresh
# database, times RUNS flag runs as of 2025-12-31 (the same data each time, so the same rows),
# then makes one more run with auto_explain on to capture
# EXPLAIN (ANALYZE, BUFFERS) of every statement over 2 s into bench/out/land/plans.txt.
# Leaves the cluster running (MUJUN_PG_NAME=bench-land deploy/local/pg.sh destroy removes it).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."
runs=${1:-2}
out=bench/out/land
mkdir -p "$out"

export MUJUN_PG_NAME=bench-land
deploy/local/pg.sh setup
eval "$(deploy/local/pg.sh start)"
export PGDATABASE=mujun_bench_land
# A release build (MUJUN_BIN=path/to/release/mujun skips it). It uses the default .build:
# SwiftPM 6.3 fails every build after the first in a --scratch-path folder with "unknown
# build description".
if [ -n "${MUJUN_BIN:-}" ]; then
    bin=$MUJUN_BIN
else
    swift build -c release --product mujun 2>&1 | tail -1
    bin=$(swift build -c release --show-bin-path)/mujun
fi
[ -x "$bin" ] || { echo "no mujun binary at $bin" >&2; exit 1; }

psql -d postgres -qc "DROP DATABASE IF EXISTS $PGDATABASE WITH (FORCE)" -c "CREATE DATABASE $PGDATABASE" >/dev/null
"$bin" migrate >/dev/null 2>&1

if [ ! -f "$out/power_2025-12-31.csv" ]; then
    echo "generating extracts into $out …" >&2
    /usr/bin/time -f 'generated in %e s' python3 bench/gen_land.py "$out"
fi
ls -l "$out"/*.csv | awk '{printf "%-40s %6.0f MiB\n", $NF, $5 / 1048576}'

load() {
    /usr/bin/time -f "  $1: %e s, max RSS %M KiB" "$bin" ingest "$1" "$out/$1_2025-12-31.csv" --max-reject-ratio 0 \
        2>&1 | grep -E "read|: [0-9.]+ s" || true
}
echo "loading (mujun ingest):"
for kind in registry parcels tax power; do load "$kind"; done
psql -qc "VACUUM ANALYZE" >/dev/null
psql -Atc "SELECT 'parcels ' || count(*) FROM core.parcels_current UNION ALL SELECT 'enterprises ' || count(*) FROM core.registry_current
           UNION ALL SELECT 'tax rows ' || count(*) FROM core.tax_rows UNION ALL SELECT 'power rows ' || count(*) FROM core.power_rows"

echo "flag runs (mujun flag --as-of 2025-12-31):"
for i in $(seq 1 "$runs"); do
    /usr/bin/time -f "  run $i: %e s wall, max RSS %M KiB" "$bin" flag --as-of 2025-12-31 --json >"$out/flag_$i.json"
done
python3 - "$out/flag_1.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
print("  in scope:", s["parcels_in_scope"], " rows:", ", ".join(f"{k} {v}" for k, v in sorted(s["flags"].items())),
      " resolved:", s["resolved"], " run seconds:", s["seconds"])
PY

# One more run with auto_explain: the plans of the statements over 2 s, from the server log.
log=$(dirname "$PGHOST")/server.log
start=$(wc -l <"$log")
PGOPTIONS="-c session_preload_libraries=auto_explain -c auto_explain.log_min_duration=2s -c auto_explain.log_analyze=on \
 -c auto_explain.log_buffers=on -c auto_explain.log_timing=on -c auto_explain.log_level=warning" \
    /usr/bin/time -o "$out/time_explained.txt" -f "  explained run: %e s wall (with ANALYZE timing overhead)" \
    "$bin" flag --as-of 2025-12-31 >/dev/null 2>&1   # the plans also reach the client as warnings
cat "$out/time_explained.txt"
tail -n +"$((start + 1))" "$log" | sed -n '/duration: /,$p' >"$out/plans.txt"
echo "plans of the statements over 2 s: $out/plans.txt ($(grep -c 'duration: ' "$out/plans.txt") statements)"
grep -o 'duration: [0-9.]* ms' "$out/plans.txt" | sort -t' ' -k2 -rn | head -10
