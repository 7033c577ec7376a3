import Foundation
import MujunDatabase
import Prometheus

/// Prometheus text-format metrics of a job, written after each run for node_exporter's
/// textfile collector (spec jobs.md): last success time, duration, state, and rows loaded and
/// rejected per kind. One file per job, replaced atomically (node_exporter must never read a
/// half-written file).
struct JobMetrics {
    let connection: Connection

    func write(job: String, outcome: JobOutcome, to directory: String) throws {
        let registry = PrometheusCollectorRegistry()
        let labels = [("job", job)]
        func gauge(_ name: String, _ unit: String, _ help: String, _ labels: [(String, String)]) -> Gauge {
            registry.makeGauge(descriptor: MetricNameDescriptor(namespace: "mujun", subsystem: "job", metricName: name,
                                                                unitName: unit, helpText: help), labels: labels)
        }
        let lastSuccess = try connection.execute("""
            SELECT coalesce(extract(epoch FROM max(finished_at)), 0)::float8 FROM runs.job_runs
            WHERE job = $1 AND state = 'succeeded'
            """, [job]).scalar().flatMap(Double.init) ?? 0
        gauge("last_success", "timestamp_seconds", "When the job last finished successfully (Unix time).", labels).set(lastSuccess)
        gauge("last_run", "timestamp_seconds", "When the job last finished (Unix time).", labels).set(Date().timeIntervalSince1970)
        gauge("last_duration", "seconds", "Duration of the job's last run.", labels).set(outcome.seconds)
        gauge("last_exit", "code", "Exit code of the job's last run (0 success).", labels).set(Int64(outcome.exitReason.code))
        var loaded: [String: Int] = [:], rejected: [String: Int] = [:]
        for step in outcome.steps {
            for (key, value) in step.counts {
                if key.hasPrefix("rows_loaded.") { loaded[String(key.dropFirst(12)), default: 0] += value }
                if key.hasPrefix("rows_rejected.") { rejected[String(key.dropFirst(14)), default: 0] += value }
            }
        }
        for kind in Set(loaded.keys).union(rejected.keys).sorted() {
            gauge("rows", "loaded", "Rows loaded by the job's last run, per extract kind.", labels + [("kind", kind)])
                .set(Int64(loaded[kind] ?? 0))
            gauge("rows", "rejected", "Rows rejected by the job's last run, per extract kind.", labels + [("kind", kind)])
                .set(Int64(rejected[kind] ?? 0))
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let target = URL(fileURLWithPath: directory).appendingPathComponent("mujun_job_\(job).prom")
        try Data(registry.emitToBuffer()).write(to: target, options: .atomic)
    }
}
