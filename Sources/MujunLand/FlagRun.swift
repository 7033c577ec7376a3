import Foundation
import Logging
import MujunCore
import MujunDatabase
import MujunPolicy
import MujunResources

/// `mujun flag --as-of D`: an immutable flag run over every parcel in scope (spec land.md).
///
/// The whole run is one transaction under the flag lock: the profile is recorded, the run row
/// inserted, the rule files of `sql/land/` run in name order with `mujun.run_id` set, and the
/// run row finished with its counts. A run killed or failing at any point leaves nothing
/// visible; a run never changes once committed. Two runs on the same data and profile give the
/// same rows (only the run ids differ).
public final class FlagRun {
    public let connection: Connection
    public var logger = Logger(label: "mujun.flag")

    /// Called after each SQL file of the run, inside its transaction (`SQLRunner.afterEachScript`):
    /// a test hook, never set in production.
    public var afterEachScript: ((SQLScript) throws -> Void)?

    public init(connection: Connection) { self.connection = connection }

    /// The folder of the rule files: the bundled copy of `sql/land/`.
    public static var ruleDirectory: URL {
        MujunResources.sqlDirectory.appendingPathComponent("land", isDirectory: true)
    }

    /// The rule files, in the order they run (their names start with the step number).
    public static func ruleFiles(in directory: URL = FlagRun.ruleDirectory) throws -> [SQLScript] {
        try SQLScript.folder(directory, displayedAs: "sql/land")
    }

    /// Makes a flag run as of `asOf` under `policy` and returns its summary.
    ///
    /// - Parameter madeBy: who ran it (the login user), kept with the run.
    public func run(asOf: CalendarDay, policy: PolicyProfile, madeBy: String,
                    host: String = ProcessInfo.processInfo.hostName,
                    pid: Int = Int(ProcessInfo.processInfo.processIdentifier)) throws -> FlagRunSummary {
        let started = Date()
        let files = try FlagRun.ruleFiles()
        return try connection.withLock(.flag) {
            // One snapshot for the whole run, and no batch applied while it reads (issue 16 item 1):
            // last_batch_id is what its files read.
            try connection.transaction(.repeatableRead) { tx in
                try tx.holdAppliedExtracts()
                try policy.record(in: tx, at: started)
                let runID = Int64(try tx.execute("SELECT nextval('runs.flag_run_id_seq')").scalarInt())
                let lastBatch = Int64(try tx.execute(
                    "SELECT coalesce(max(batch_id), 0) FROM runs.batches WHERE status = 'applied'").scalarInt())
                try tx.execute("""
                    INSERT INTO runs.flag_runs (run_id, as_of, policy_sha256, policy_name, last_batch_id, started_at,
                                                made_by, host, pid)
                    VALUES ($1, $2::date, $3, $4, $5, $6::timestamptz, $7, $8, $9)
                    """, [runID, asOf.description, policy.sha256, policy.name, lastBatch, started.sqlTimestamp,
                          madeBy, host, pid])
                // Province-scale sorts and hashes stay in memory (docs/benchmarks.md).
                var runner = SQLRunner(files, settings: [("mujun.run_id", String(runID)), ("work_mem", "256MB")], logger: logger)
                runner.afterEachScript = afterEachScript
                try runner.run(in: tx)
                return try finish(tx, runID: runID, asOf: asOf, policy: policy, lastBatch: lastBatch, started: started)
            }
        }
    }

    private func finish(_ tx: Connection, runID: Int64, asOf: CalendarDay, policy: PolicyProfile, lastBatch: Int64,
                        started: Date) throws -> FlagRunSummary {
        var counts = Dictionary(uniqueKeysWithValues: FlagCode.allCases.map { ($0.rawValue, 0) })
        let rows = try tx.execute(
            "SELECT flag_code, count(*) FROM runs.parcel_flags WHERE run_id = $1 GROUP BY flag_code", [runID])
        for r in 0..<rows.rowCount {
            counts[rows.string(r, 0) ?? "?"] = Int(rows.string(r, 1) ?? "0") ?? 0
        }
        let inScope = try tx.execute("SELECT count(*) FROM flag_scope").scalarInt()
        let resolved = try tx.execute("SELECT count(*) FROM runs.parcel_resolutions WHERE run_id = $1", [runID]).scalarInt()
        let carried = try tx.execute("SELECT count(*) FROM runs.parcel_flags_carried WHERE run_id = $1", [runID]).scalarInt()
        let previous = try tx.execute("SELECT max(run_id) FROM flag_previous_run").scalar().flatMap { Int64($0) }
        let countsJSON = String(decoding: try JSONSerialization.data(withJSONObject: counts, options: [.sortedKeys]),
                                as: UTF8.self)
        let finished = Date()
        try tx.execute("""
            UPDATE runs.flag_runs
            SET finished_at = $2::timestamptz, parcels_in_scope = $3, counts = $4::jsonb, resolved = $5,
                previous_run_id = $6
            WHERE run_id = $1
            """, [runID, finished.sqlTimestamp, inScope, countsJSON, resolved, previous.map(Int.init)])
        return FlagRunSummary(runID: runID, asOf: asOf.description, policy: policy.name, policySHA256: policy.sha256,
                              lastBatchID: lastBatch, parcelsInScope: inScope, counts: counts, resolved: resolved,
                              carried: carried, previousRunID: previous,
                              seconds: (finished.timeIntervalSince(started) * 100).rounded() / 100)
    }
}
