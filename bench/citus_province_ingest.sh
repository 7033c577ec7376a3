#!/usr/bin/env bash
# The ingest step of bench/citus_province.sh, a script of its own so that `timeout` can stop it:
# every extract of the province data set, then ANALYZE.
#
#   bench/citus_province_ingest.sh MUJUN_BIN DATA_DIR CONNINFO
set -euo pipefail
bin=$1 data=$2 conn=$3
for kind in registry parcels tax power; do
    "$bin" ingest "$kind" "$data/${kind}_2025-12-31.csv" --db "$conn" --max-reject-ratio 0
done
"$bin" ingest statistics "$data/statistics_2024-12-31.csv" --db "$conn" --max-reject-ratio 0
psql -X -d "$conn" -qc "ANALYZE"
