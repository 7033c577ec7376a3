#!/usr/bin/env bash
# Dumps what a run produced, for comparing two versions of Mujun column by column (issue 13:
# "grades, flags, lists and every mart view identical before and after"): every view of `mart`
# and every table of `runs`, each as one sorted text file, all columns but those that differ
# by when the run happened (timestamp, date-time and interval columns, `seconds`, host, pid).
#
#   bench/dump_results.sh OUT_DIR        (connection from the PG* settings)
#   diff -r OLD_DIR NEW_DIR              (no output: identical)
set -euo pipefail
out=${1:?usage: bench/dump_results.sh OUT_DIR}
mkdir -p "$out"
psql -XAtq -v ON_ERROR_STOP=1 -F $'\t' -c "
    SELECT n.nspname, c.relname,
           string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    WHERE ((n.nspname = 'mart' AND c.relkind IN ('v', 'm'))
        OR (n.nspname = 'runs' AND c.relkind IN ('r', 'p')))
      AND a.atttypid NOT IN ('timestamptz'::regtype, 'timestamp'::regtype, 'interval'::regtype)
      AND a.attname NOT IN ('seconds', 'host', 'pid', 'applied_by', 'error')
    GROUP BY 1, 2 ORDER BY 1, 2" |
while IFS=$'\t' read -r schema rel cols; do
    n=$(awk -F', ' '{print NF}' <<<"$cols")
    order=$(seq -s, 1 "$n")
    psql -XAtq -v ON_ERROR_STOP=1 -c "\\copy (SELECT $cols FROM $schema.$rel ORDER BY $order) TO '$out/$schema.$rel.tsv'"
    printf '%s.%s\t%s rows\n' "$schema" "$rel" "$(wc -l <"$out/$schema.$rel.tsv")"
done
