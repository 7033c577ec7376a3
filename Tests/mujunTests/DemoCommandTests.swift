import Foundation
import MujunDatabase
import MujunGenerate
import MujunTestSupport
import Testing

/// `mujun demo` (the README's main command) on a small county in a database of its own: the
/// first run migrates, loads every generated file, grades, flags, exports and reports; the
/// second changes nothing (spec jobs.md: batches already applied and steps already done for
/// their inputs are skipped).
@Suite("mujun demo")
struct DemoCommandTests {
    static let enterprises = 120

    /// The summary of `mujun demo --json` (the last JSON object on stdout) and the stderr log.
    static func demo(_ db: TestDatabase, _ dir: URL) throws -> ([String: Any], String) {
        let outcome = try MujunBinary.run(["demo", "--enterprises", String(enterprises), "--years", "2023-2024",
                                           "--seed", "7", "--dir", dir.path, "--json"], environment: db.environment)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        // --json prints the summary, then the human summary beginning with a blank line.
        let json = outcome.stdout.components(separatedBy: "\n\nMujun demo").first ?? ""
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return (summary, outcome.stderr)
    }

    /// Every file under `root` (relative path → bytes).
    static func files(_ root: URL) throws -> [String: Data] {
        var all: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            all[String(url.path.dropFirst(root.path.count))] = try Data(contentsOf: url)
        }
        return all
    }

    @Test("a small county, twice: the second run is a no-op")
    func twice() throws {
        let db = try TestDatabase.empty()
        let dir = try TemporaryDirectory()
        // The same county, generated here too: what the demo must have loaded.
        let expected = try TemporaryDirectory()
        let manifest = try CountyGenerator(options: CountyOptions(enterprises: Self.enterprises, firstYear: 2023,
                                                                  lastYear: 2024, seed: 7)).write(to: expected.url)

        let (first, firstLog) = try Self.demo(db, dir.url)
        #expect(first["date"] as? String == "2025-07-09")
        #expect(first["batchesApplied"] as? Int == manifest.files.count)
        #expect(first["batchesSkipped"] as? Int == 0)
        #expect(first["rowsRead"] as? Int == manifest.files.map(\.rows).reduce(0, +))
        #expect(first["rowsRejected"] as? Int == manifest.plantedRejects)
        #expect(first["rowsLoaded"] as? Int == manifest.files.map(\.rows).reduce(0, +) - manifest.plantedRejects)
        // The bureau's calendar (docs/calendar.md): evaluate and notice on D − 8, an objection on
        // D − 6 answered by a review, publication on D, then D's lists.
        #expect(firstLog.contains("job annual-evaluation (2025-07-01): succeeded — ingest-inbox succeeded, evaluate succeeded, notice succeeded"))
        #expect(firstLog.contains("within the notice 2025-07-01–2025-07-07"))
        #expect(firstLog.contains("published run 1 on 2025-07-09 (亩均办〔2025〕1号)"))
        #expect(firstLog.contains("job nightly (2025-07-09): succeeded — ingest-inbox succeeded, flag succeeded, export succeeded"))
        let calendar = first["calendar"] as? [String: Any]
        #expect(calendar?["publishedOn"] as? String == "2025-07-09" && calendar?["objectionReceived"] as? String == "2025-07-03")

        let connection = try db.connect()
        func count(_ sql: String) throws -> Int { try connection.execute(sql).scalarInt() }
        let tables = ["runs.batches", "runs.evaluation_runs", "runs.enterprise_grades", "runs.flag_runs", "runs.parcel_flags",
                      "runs.list_exports", "runs.policy_profiles", "runs.notices", "runs.objections", "runs.grade_reviews"]
        let before = try tables.map { try count("SELECT count(*) FROM \($0)") }
        #expect(before[0] == manifest.files.count)
        // Two evaluation runs: the annual job's, published, and the Huangyan what-if (never published).
        #expect(before[1] == 2 && before[3] == 1)
        #expect(try count("SELECT count(*) FROM runs.evaluation_runs WHERE published") == 1)
        #expect(try count("""
            SELECT count(*) FROM runs.evaluation_runs WHERE policy_name = 'zhejiang-huangyan' AND NOT published
              AND compared_with = (SELECT run_id FROM runs.evaluation_runs WHERE published)
            """) == 1)
        let whatIf = first["whatIf"] as? [String: Any]
        #expect(whatIf?["policy"] as? String == "zhejiang-huangyan")
        #expect(firstLog.contains("what-if zhejiang-huangyan (run 2)"))
        #expect(before[5] == 8)  // eight lists (five built in, three of the default profile), exported once by the nightly job
        #expect(Array(before[7...]) == [1, 1, 1])
        // The summary's grades are the published run's, and every registered enterprise of the
        // policy's sections has one.
        let grades = (first["grades"] as? [String: Int]) ?? [:]
        #expect(grades.values.reduce(0, +) * 2 == before[2])   // the what-if grades the same enterprises
        #expect(try count("SELECT count(*) FROM mart.enterprise_grades WHERE grade = 'A'") == grades["A"] ?? 0)
        #expect(try count("SELECT count(*) FROM mart.enterprise_grades WHERE grade = 'D'") == grades["D"] ?? 0)
        let flags = (first["flags"] as? [String: Int]) ?? [:]
        #expect(flags.values.reduce(0, +) == before[4])
        let report = try String(contentsOfFile: try #require(first["report"] as? String), encoding: .utf8)
        #expect(report.contains("评价运行 #1"))
        let written = try Self.files(dir.url)
        #expect(written.keys.contains("/extracts/manifest.json"))

        let (second, secondLog) = try Self.demo(db, dir.url)
        #expect(second["batchesApplied"] as? Int == 0)
        #expect(second["batchesSkipped"] as? Int == manifest.files.count)
        #expect(second["rowsRead"] as? Int == 0)
        #expect(secondLog.contains("2024 is already published (run 1)"))
        #expect(secondLog.contains("job nightly (2025-07-09): succeeded — ingest-inbox succeeded, flag skipped, export skipped"))
        #expect(try tables.map { try count("SELECT count(*) FROM \($0)") } == before)
        #expect(second["grades"] as? [String: Int] == grades)
        #expect(second["whatIf"] == nil)   // made once per database
        #expect(second["flags"] as? [String: Int] == flags)
        #expect(second["lists"] as? [String: Int] == first["lists"] as? [String: Int])
        // The same bytes: extracts, lists and the report.
        #expect(try Self.files(dir.url) == written)
        #expect(try count("SELECT count(*) FROM runs.job_runs WHERE state = 'succeeded'") == 3)
    }
}
