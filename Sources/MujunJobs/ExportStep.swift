import Foundation
import MujunLists
import MujunPolicy

extension JobRunner {
    /// The export step: the job's lists as of the run's date, into the job's `out` folder.
    func exportStep(lists: [String], policy: PolicyProfile) throws -> ([String: Int], Int32, String?) {
        let chosen: [PolicyList] = lists.contains("all")
            ? PolicyList.allCases
            : try lists.map { name in
                guard let list = PolicyList(rawValue: name) else { throw JobError(exitCode: 64, "unknown list \(name)") }
                return list
            }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let summaries = try ListExporter(connection: connection).export(
            chosen, date: options.date, to: URL(fileURLWithPath: out, isDirectory: true), policy: policy,
            generatorVersion: options.generatorVersion, madeBy: options.madeBy)
        var counts: [String: Int] = [:]
        for s in summaries { counts["rows.\(s.list)"] = s.manifest.rowCount }
        return (counts, 0, nil)
    }
}
