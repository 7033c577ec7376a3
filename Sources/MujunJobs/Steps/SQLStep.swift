import Foundation
import MujunCore
import MujunDatabase
import MujunResources

/// `sql`: a SQL file of `sql/` (e.g. a site's own refresh), in one transaction.
struct SQLStep: JobStep {
    /// A path inside `sql/` (checked when the job file was read).
    let file: String

    var url: URL { MujunResources.sqlDirectory.appendingPathComponent(file) }

    /// The file's content and the applied batches: an edited file or new data runs it again.
    func inputsKey(_ context: JobStepContext) throws -> String? {
        let data = (try? Data(contentsOf: url)) ?? Data()
        return "sql file=\(file) sha256=\(sha256Hex(data)) batches<=\(try context.lastAppliedBatch())"
    }

    func perform(_ context: JobStepContext) throws -> JobStepResult {
        let script = try SQLScript(contentsOf: url, name: "sql/\(file)")
        try context.connection.transaction { tx in try SQLRunner([script]).run(in: tx) }
        return JobStepResult(counts: [:])
    }
}
