-- Report: data quality. Rows rejected by kind and reason over all batches as of now, power
-- accounts by how they link to enterprises, and UNKNOWN flags of the current flag run.
-- One row per (section, label, count).
SELECT 'rejects' AS section, b.kind || ' ' || r.reason AS label, count(*) AS n
FROM runs.rejects r JOIN runs.batches b USING (batch_id)
GROUP BY b.kind, r.reason
UNION ALL
SELECT 'accounts', link_method, count(*) FROM core.power_account_links GROUP BY link_method
UNION ALL
SELECT 'unknown_flags', 'UNKNOWN', count(*)
FROM runs.parcel_flags
WHERE flag_code = 'UNKNOWN'
  AND run_id = (SELECT max(run_id) FROM runs.flag_runs
                WHERE as_of = (SELECT max(as_of) FROM runs.flag_runs))
ORDER BY 1, 2
