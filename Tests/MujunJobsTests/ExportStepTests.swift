import Foundation
import MujunTestSupport
import Testing

/// The export step's inputs key: the runs behind the lists as the exporter resolves them
/// (`ListInputs`), so an export that waits for changed inputs skips what a dated export of the
/// same runs already wrote. The real binary, against a real database.
@Suite("Export step")
struct ExportStepTests {
    @Test("when: inputs-changed skips after a dated export of the same runs, and runs again when a run changes")
    func inputsChanged() throws {
        let db = try TestDatabase.migrated()
        let root = try TemporaryDirectory()
        let out = root.url.appendingPathComponent("lists").path
        for (name, export) in [("dated", "{lists: water}"), ("changed", "{lists: water, when: inputs-changed}")] {
            try root.write("jobs/\(name).yaml", """
                name: \(name)
                schedule: "30 2 * * *"
                policy: default
                retry: {attempts: 1, backoff_seconds: 0, max_backoff_seconds: 0}
                folders: {inbox: \(root.url.appendingPathComponent("inbox").path), out: \(out)}
                steps:
                  - export: \(export)
                """)
        }
        var environment = db.environment
        environment["MUJUN_TODAY"] = "2025-03-01"
        func run(_ job: String, date: String = "2025-03-01") throws -> String {
            let outcome = try MujunBinary.run(["run", job, "--date", date, "--jobs-dir", root.url.appendingPathComponent("jobs").path,
                                               "--json"], environment: environment)
            #expect(outcome.status == 0, "\(outcome.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
            return ((json?["steps"] as? [[String: Any]])?.first?["state"] as? String) ?? "?"
        }
        func exports() throws -> Int {
            try db.connect().execute("SELECT count(*) FROM runs.list_exports").scalarInt()
        }

        #expect(try run("dated") == "succeeded")
        #expect(try run("changed") == "skipped")
        #expect(try run("changed", date: "2025-03-02") == "skipped")
        #expect(try exports() == 1)

        // A flag run is a new input of every list dated on or after its date.
        let flag = try MujunBinary.run(["flag", "--as-of", "2025-03-01"], environment: environment)
        #expect(flag.status == 0, "\(flag.stderr)")
        #expect(try run("changed", date: "2025-03-02") == "succeeded")
        #expect(try run("changed", date: "2025-03-03") == "skipped")
        #expect(try run("dated") == "succeeded")
        #expect(try run("dated") == "skipped")
        #expect(try exports() == 3)
    }
}
