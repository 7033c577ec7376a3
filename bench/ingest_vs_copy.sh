#!/usr/bin/env bash
# Benchmark (not a test): `mujun ingest tax` against `psql \copy` of the same file into an
# equivalent plain table, alternating, several repetitions, in one run. Prints the median
# times, the throughput ratio (copy time / mujun time: ≥ 0.8 is the goal of issue 3) and the
# peak RSS of both clients, then does the same peak-RSS check on a 10× larger file.
#
#   bench/ingest_vs_copy.sh [ROWS=2000000] [REPS=5]
#
# Uses its own cluster (MUJUN_PG_NAME=bench) and a release build; leaves the cluster running
# (deploy/local/pg.sh destroy with MUJUN_PG_NAME=bench removes it).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$here/.."
rows=${1:-2000000}
reps=${2:-5}
out=bench/out
mkdir -p "$out"

export MUJUN_PG_NAME=bench
deploy/local/pg.sh setup
eval "$(deploy/local/pg.sh start)"
swift build -c release --product mujun 2>&1 | tail -3
bin=$(swift build -c release --show-bin-path)/mujun
"$bin" migrate >/dev/null 2>&1

file="$out/tax_${rows}.csv"
[ -f "$file" ] || python3 bench/gen_tax.py "$rows" "$file"

psql -qAt >/dev/null <<'SQL'
DROP TABLE IF EXISTS public.bench_tax_plain;
CREATE TABLE public.bench_tax_plain (
    uscc text, taxpayer_name text, period text, vat numeric(18,2), corporate_income_tax numeric(18,2),
    individual_income_tax numeric(18,2), urban_land_use_tax numeric(18,2), property_tax numeric(18,2),
    other_taxes numeric(18,2), sales_revenue numeric(18,2));
SQL

reset_mujun() {
    psql -qAt >/dev/null <<'SQL'
DO $$ DECLARE t text; BEGIN
  FOR t IN SELECT c.oid::regclass::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
           WHERE i.inhparent = 'core.tax_rows'::regclass LOOP EXECUTE 'DROP TABLE ' || t; END LOOP;
  FOR t IN SELECT schemaname || '.' || tablename FROM pg_tables WHERE schemaname = 'staging' LOOP
    EXECUTE 'DROP TABLE ' || t; END LOOP;
END $$;
DELETE FROM runs.rejects; DELETE FROM runs.batches;
CHECKPOINT;
SQL
}

# /usr/bin/time prints "elapsed_seconds max_rss_kib" on the last line of its output file.
timed() { /usr/bin/time -f '%e %M' -o "$out/time.txt" "$@" >/dev/null 2>"$out/stderr.txt" || { cat "$out/stderr.txt" >&2; exit 1; }; tail -1 "$out/time.txt"; }

mujun_t=(); copy_t=(); mujun_rss=0; copy_rss=0
for i in $(seq 1 "$reps"); do
    reset_mujun
    read -r t m < <(timed "$bin" ingest tax "$file" --force --as-of 2025-01-01)
    mujun_t+=("$t"); [ "$m" -gt "$mujun_rss" ] && mujun_rss=$m
    psql -qAt -c "TRUNCATE public.bench_tax_plain" -c "CHECKPOINT" >/dev/null
    read -r t m < <(timed psql -qAt -c "\\copy public.bench_tax_plain FROM '$file' CSV HEADER")
    copy_t+=("$t"); [ "$m" -gt "$copy_rss" ] && copy_rss=$m
    echo "rep $i: mujun ${mujun_t[-1]} s, \\copy ${copy_t[-1]} s" >&2
done
loaded=$(psql -qAt -c "SELECT rows_loaded FROM runs.batches ORDER BY batch_id DESC LIMIT 1")
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
mm=$(median "${mujun_t[@]}"); cm=$(median "${copy_t[@]}")
echo "file: $file ($(du -m "$file" | cut -f1) MiB, $rows rows; mujun loaded $loaded)"
echo "median: mujun ingest ${mm} s, psql \\copy ${cm} s"
echo "throughput ratio (copy time / mujun time): $(awk -v a="$cm" -v b="$mm" 'BEGIN {printf "%.2f", a/b}')"
echo "peak RSS: mujun $((mujun_rss / 1024)) MiB, psql $((copy_rss / 1024)) MiB"

if [ "${MUJUN_BENCH_LARGE:-1}" = 1 ]; then
    big="$out/tax_$((rows * 10)).csv"
    [ -f "$big" ] || python3 bench/gen_tax.py "$((rows * 10))" "$big"
    reset_mujun
    read -r t m < <(timed "$bin" ingest tax "$big" --force --as-of 2025-01-01)
    echo "10x file ($(du -m "$big" | cut -f1) MiB): mujun ingest $t s, peak RSS $((m / 1024)) MiB"
    reset_mujun
fi
