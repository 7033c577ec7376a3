#!/usr/bin/env bash
# Verifies that Mujun on a Citus cluster gives what it gives on plain PostgreSQL (issue 17):
# the same generated county goes through ingest, flag run, evaluation, notice, objection, review,
# publication and export (`mujun demo`) on both, and every view of `mart` and every file the
# jobs wrote (lists, notice, letters, manifests) are compared byte for byte.
#
#   deploy/citus/verify.sh COORDINATOR [PLAIN]
#
# COORDINATOR and PLAIN are libpq connection strings ("host=… port=… dbname=…"), PLAIN by
# default the usual PG* settings. Both must be empty databases made for this (no Mujun
# migrations yet); COORDINATOR must have the citus extension with its workers added
# (deploy/citus/README.md). Exit 0 only when everything agrees; 1 when something differs
# (the differences are printed); 2 when a database is not empty or not Citus. Called without a
# coordinator it says so and exits 0: CI on plain PostgreSQL is not affected.
#
#   MUJUN_VERIFY_ENTERPRISES  firms in the generated county (default 3000)
#   MUJUN_BIN                 the mujun binary (default: built here, release)
#   MUJUN_VERIFY_DIR          where the two runs' files go (default: a new temporary folder)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
say() { printf 'verify.sh: %s\n' "$*" >&2; }

coordinator=${1:-}
plain=${2:-}
if [ -z "$coordinator" ]; then
    say "no Citus coordinator given: skipped (usage: deploy/citus/verify.sh COORDINATOR [PLAIN])"
    exit 0
fi
enterprises=${MUJUN_VERIFY_ENTERPRISES:-3000}
if [ -z "${MUJUN_BIN:-}" ]; then
    (cd "$root" && swift build -c release --product mujun 2>&1 | tail -1) >&2
    MUJUN_BIN=$(cd "$root" && swift build -c release --show-bin-path)/mujun
fi
work=${MUJUN_VERIFY_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/mujun-verify.XXXXXX")}
mkdir -p "$work"

q() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }

for side in citus plain; do
    conn=$coordinator; [ "$side" = plain ] && conn=$plain
    if [ "$(q "$conn" "SELECT to_regclass('public.mujun_schema_migrations') IS NULL")" != t ]; then
        say "$side database ($conn) already holds Mujun: give an empty database made for the verification"
        exit 2
    fi
done
if [ "$(q "$coordinator" "SELECT count(*) FROM pg_extension WHERE extname = 'citus'")" != 1 ]; then
    say "the coordinator's database has no citus extension (CREATE EXTENSION citus; then add the workers)"
    exit 2
fi
if [ -n "$plain" ] && [ "$(q "$plain" "SELECT count(*) FROM pg_extension WHERE extname = 'citus'")" != 0 ]; then
    say "PLAIN has the citus extension: give a plain PostgreSQL database"
    exit 2
fi
say "Citus $(q "$coordinator" "SELECT extversion FROM pg_extension WHERE extname = 'citus'"), workers: $(q "$coordinator" \
    "SELECT string_agg(nodename || ':' || nodeport, ', ' ORDER BY nodename, nodeport) FROM pg_dist_node WHERE noderole = 'primary' AND groupid <> 0")"

# Every view of mart, each as one file: all columns but those that say when the run happened,
# rows sorted bytewise (LC_ALL=C), so the two databases' collations cannot reorder them.
dump_mart() {
    local conn=$1 out=$2
    mkdir -p "$out"
    psql -X -q -A -t -F $'\t' -v ON_ERROR_STOP=1 -d "$conn" -c "
        SELECT c.relname, string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE n.nspname = 'mart' AND c.relkind IN ('v', 'm')
          AND a.atttypid NOT IN ('timestamptz'::regtype, 'timestamp'::regtype, 'interval'::regtype)
          AND a.attname NOT IN ('seconds', 'host', 'pid')
        GROUP BY 1 ORDER BY 1" |
    while IFS=$'\t' read -r view cols; do
        psql -X -q -v ON_ERROR_STOP=1 -d "$conn" -c "\\copy (SELECT $cols FROM mart.$view) TO STDOUT" | LC_ALL=C sort >"$out/$view.tsv"
    done
}

# The same folder for both runs (then moved aside), so that paths recorded in the database
# and written in the files are the same on both.
run="$work/run"
for side in citus plain; do
    conn=$coordinator; [ "$side" = plain ] && conn=$plain
    rm -rf "$run" "$work/$side"
    say "$side: migrate"
    "$MUJUN_BIN" migrate --db "$conn" >/dev/null 2>"$work/$side.migrate.log" || { cat "$work/$side.migrate.log" >&2; exit 1; }
    if [ "$side" = citus ]; then
        "$MUJUN_BIN" migrate --distribute --db "$conn" 2>&1 >/dev/null | grep '^mujun migrate: Citus' >&2 \
            || { say "citus: migrate --distribute failed"; exit 1; }
    fi
    say "$side: demo county of $enterprises enterprises (ingest, flag, evaluate, notice, publish, export)"
    start=$(date +%s)
    "$MUJUN_BIN" demo --db "$conn" --enterprises "$enterprises" --dir "$run" --json >"$work/$side.summary.json" \
        2>"$work/$side.demo.log" || { tail -20 "$work/$side.demo.log" >&2; exit 1; }
    say "$side: done in $(( $(date +%s) - start )) s"
    mv "$run" "$work/$side"
    dump_mart "$conn" "$work/$side/mart"
done

status=0
views=0
for f in "$work/citus/mart"/*.tsv; do
    views=$((views + 1))
    name=$(basename "$f" .tsv)
    if cmp -s "$f" "$work/plain/mart/$name.tsv"; then
        printf 'same       mart.%-28s %8s rows\n' "$name" "$(wc -l <"$f")"
    else
        printf 'DIFFERENT  mart.%-28s %8s rows on Citus, %s on PostgreSQL\n' "$name" "$(wc -l <"$f")" "$(wc -l <"$work/plain/mart/$name.tsv")"
        diff "$f" "$work/plain/mart/$name.tsv" | head -5
        status=1
    fi
done
[ "$(ls "$work/plain/mart" | wc -l)" = "$views" ] || { say "the two databases have different mart views"; status=1; }

files=$(cd "$work/citus/lists" && find . -type f | LC_ALL=C sort)
[ "$files" = "$(cd "$work/plain/lists" && find . -type f | LC_ALL=C sort)" ] || { say "the two runs wrote different files"; status=1; }
count=$(printf '%s\n' "$files" | grep -c .)
# One diff over both trees: a process per file is minutes for the 50 000-firm county's letters.
same_files=yes
if ! diff -rq "$work/citus/lists" "$work/plain/lists" >"$work/files.diff" 2>&1; then
    sed 's/^/DIFFERENT  /' "$work/files.diff"
    same_files=no
    status=1
fi
printf '%s files written by the jobs (lists, notice, letters, manifests): %s\n' "$count" \
    "$([ $same_files = yes ] && echo 'all the same bytes' || echo 'see above')"
if [ $status = 0 ]; then
    echo "verify.sh: Citus and PostgreSQL agree: $views mart views, $count files ($work)"
else
    echo "verify.sh: Citus and PostgreSQL DISAGREE ($work)"
fi
exit $status
