import Foundation
import MujunDatabase

/// What `mujun status` reports about jobs and batches (spec jobs.md): the last run of every job
/// with state, duration and counts, the batches of the last days, and what is overdue against
/// its schedule. `problems` is non-empty when something failed or is overdue, and then the
/// command exits 1 so a monitor can call it.
public struct JobStatus: Sendable, Codable {
    public struct Job: Sendable, Codable {
        public var job: String
        public var schedule: String?
        public var lastRunID: Int64?
        public var state: String?
        public var abandoned: Bool
        public var startedAt: String?
        public var finishedAt: String?
        public var durationSeconds: Double?
        public var counts: [String: Int]
        public var error: String?
        public var lastSuccessAt: String?
        /// The latest time the schedule fired before now.
        public var dueAt: String?
        public var overdue: Bool

        enum CodingKeys: String, CodingKey {
            case job, schedule, lastRunID = "last_run_id", state, abandoned, startedAt = "started_at"
            case finishedAt = "finished_at", durationSeconds = "duration_seconds", counts, error
            case lastSuccessAt = "last_success_at", dueAt = "due_at", overdue
        }
    }

    public struct Batch: Sendable, Codable {
        public var batchID: Int64
        public var kind: String
        public var file: String
        public var status: String
        public var asOf: String
        public var rowsRead: Int
        public var rowsLoaded: Int
        public var rowsRejected: Int
        public var finishedAt: String

        enum CodingKeys: String, CodingKey {
            case batchID = "batch_id", kind, file, status, asOf = "as_of", rowsRead = "rows_read"
            case rowsLoaded = "rows_loaded", rowsRejected = "rows_rejected", finishedAt = "finished_at"
        }
    }

    public var jobs: [Job]
    public var batches: [Batch]
    public var problems: [String]

    public init(jobs: [Job], batches: [Batch], problems: [String]) {
        self.jobs = jobs
        self.batches = batches
        self.problems = problems
    }

    /// A run is overdue when its schedule fired more than `grace` ago and no run of the job has
    /// succeeded since.
    public static func collect(_ connection: Connection, jobs files: [JobFile], now: Date = Date(),
                               days: Int = 7, grace: TimeInterval = 3600,
                               timeZone: TimeZone = TimeZone(identifier: ProcessInfo.processInfo.environment["MUJUN_TIMEZONE"] ?? "Asia/Shanghai")
                                   ?? TimeZone(identifier: "Asia/Shanghai")!) throws -> JobStatus {
        var names = files.map(\.name)
        let recorded = try connection.execute("SELECT DISTINCT job FROM runs.job_runs ORDER BY 1")
        for r in 0..<recorded.rowCount where !names.contains(recorded.string(r, 0)!) { names.append(recorded.string(r, 0)!) }
        let iso = "to_char(%@ AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
        var status = JobStatus(jobs: [], batches: [], problems: [])
        for name in names.sorted() {
            let file = files.first { $0.name == name }
            var job = Job(job: name, schedule: file?.schedule.text, abandoned: false, counts: [:], overdue: false)
            let last = try connection.execute("""
                SELECT run_id, state, abandoned, \(String(format: iso, "started_at")) AS started,
                       \(String(format: iso, "finished_at")) AS finished,
                       extract(epoch FROM finished_at - started_at)::float8 AS seconds, counts::text AS counts, error
                FROM runs.job_runs WHERE job = $1
                -- A run refused by the lock (skipped) is recorded, but the run that held the lock
                -- is the one whose state matters: the latest other run comes first.
                ORDER BY state = 'skipped', run_id DESC LIMIT 1
                """, [name])
            if let row = last.rows.first {
                job.lastRunID = row["run_id"].flatMap { $0 }.flatMap { Int64($0) }
                job.state = row["state"] ?? nil
                job.abandoned = row["abandoned"] == "t"
                job.startedAt = row["started"] ?? nil
                job.finishedAt = row["finished"] ?? nil
                job.durationSeconds = row["seconds"].flatMap { $0 }.flatMap(Double.init)
                job.error = row["error"] ?? nil
                if let text = row["counts"] ?? nil,
                   let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Int] {
                    job.counts = object
                }
                // A run still marked running whose lock nobody holds died with its process.
                if job.state == "running", try !connection.isLocked(.job(name)) {
                    job.state = "failed"
                    job.abandoned = true
                    job.error = "abandoned: its process died without finishing"
                }
            }
            let success = try connection.execute("""
                SELECT \(String(format: iso, "max(finished_at)")), extract(epoch FROM max(finished_at))::float8
                FROM runs.job_runs WHERE job = $1 AND state = 'succeeded'
                """, [name])
            job.lastSuccessAt = success.string(0, 0)
            let lastSuccess = success.string(0, 1).flatMap(Double.init).map { Date(timeIntervalSince1970: $0) }
            if let schedule = file?.schedule, let due = schedule.previousFire(atOrBefore: now, timeZone: timeZone) {
                let f = ISO8601DateFormatter()
                job.dueAt = f.string(from: due)
                if now.timeIntervalSince(due) > grace, (lastSuccess.map { $0 < due } ?? true), job.state != "running" {
                    job.overdue = true
                    status.problems.append("\(name) is overdue: due \(job.dueAt!), last success \(job.lastSuccessAt ?? "never")")
                }
            }
            if job.state == "failed" {
                status.problems.append("\(name) failed\(job.abandoned ? " (abandoned)" : ""): \(job.error ?? "")")
            }
            status.jobs.append(job)
        }
        let batches = try connection.execute("""
            SELECT batch_id, kind, file_name, status, as_of::text, rows_read, rows_loaded, rows_rejected,
                   \(String(format: iso, "finished_at")) AS finished
            FROM runs.batches WHERE finished_at >= $1::timestamptz ORDER BY batch_id
            """, [now.addingTimeInterval(-Double(days) * 86_400).sqlTimestamp])
        for r in 0..<batches.rowCount {
            status.batches.append(Batch(
                batchID: Int64(batches.string(r, 0) ?? "") ?? 0, kind: batches.string(r, 1) ?? "",
                file: batches.string(r, 2) ?? "", status: batches.string(r, 3) ?? "", asOf: batches.string(r, 4) ?? "",
                rowsRead: Int(batches.string(r, 5) ?? "") ?? 0, rowsLoaded: Int(batches.string(r, 6) ?? "") ?? 0,
                rowsRejected: Int(batches.string(r, 7) ?? "") ?? 0, finishedAt: batches.string(r, 8) ?? ""))
        }
        return status
    }
}
