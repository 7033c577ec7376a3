import Foundation
import MujunCore
import MujunIngest

/// `ingest-inbox`: loads every complete file of the drop folder under the ingest lock
/// (spec jobs.md; `InboxRunner`).
struct IngestInboxStep: JobStep {
    /// Idempotent by itself: applied files are no-ops, taken files are moved away.
    func inputsKey(_ context: JobStepContext) throws -> String? { nil }

    func perform(_ context: JobStepContext) throws -> JobStepResult {
        var options = IngestOptions(today: context.options.date)
        options.writeRejectsCSV = true
        try FileManager.default.createDirectory(atPath: context.inbox, withIntermediateDirectories: true)
        try context.connection.lock(.ingest)
        defer { try? context.connection.unlock(.ingest) }
        let loader = BatchLoader(connection: context.connection)
        if let duringCopy = context.duringCopy { loader.progress = { _, _ in duringCopy() } }
        let runner = InboxRunner(loader: loader,
                                 folder: URL(fileURLWithPath: context.inbox, isDirectory: true), options: options)
        var result = JobStepResult(counts: ["files": 0, "applied": 0, "already_applied": 0, "refused": 0])
        var refused: [String] = []
        let run = try runner.run()
        // Entries left in place are counted, and named in the step's counts as `skipped`
        // (`mujun status` shows the counts of the last run).
        result.counts["skipped"] = run.skipped.count
        for outcome in run.outcomes {
            result.counts["files", default: 0] += 1
            if let r = outcome.report {
                result.counts[r.status.rawValue, default: 0] += 1
                result.counts["rows_read.\(r.kind.rawValue)", default: 0] += r.rowsRead
                result.counts["rows_loaded.\(r.kind.rawValue)", default: 0] += r.status == .applied ? r.rowsLoaded : 0
                result.counts["rows_rejected.\(r.kind.rawValue)", default: 0] += r.rowsRejected
                if r.status == .refused {
                    result.reason = max(result.reason, .dataError)
                    refused.append("\(URL(fileURLWithPath: r.file).lastPathComponent): \(r.message)")
                }
            } else {
                result.counts["refused", default: 0] += 1
                result.reason = max(result.reason, outcome.error.map { ExitReason($0) } ?? .dataError)
                refused.append("\(URL(fileURLWithPath: outcome.file).lastPathComponent): \(outcome.error.map { "\($0)" } ?? "refused")")
            }
        }
        // Refused files are data errors: moved to failed/, not retried; the run ends with their
        // reason (65, as `mujun ingest --inbox` would), and the steps after this one still run.
        if !refused.isEmpty { result.message = "refused: " + refused.joined(separator: "; ") }
        return result
    }
}
