import Foundation
import MujunCore
import MujunDatabase
import MujunIngest
import MujunPolicy

/// What every test county is built on: a fresh migrated database, a folder for its extracts
/// and the real `BatchLoader`. The grading, land, list, ingest, generated and security
/// counties each write their own extracts and load them through this one.
public final class CountyFixture: @unchecked Sendable {
    public let db: TestDatabase
    public let folder: TemporaryDirectory
    public let connection: Connection
    public let loader: BatchLoader

    public init() throws {
        db = try TestDatabase.migrated()
        folder = try TemporaryDirectory()
        connection = try db.connect()
        loader = BatchLoader(connection: connection)
    }

    /// Valid credit codes made with the GB 32100 check character: `block` keeps the codes of
    /// two counties apart (0: 91320100MA00000NN, 1: 91320100MA10000NN).
    public static func code(_ n: Int, block: Int = 0) -> String {
        USCC.completed("91320100MA\(block)0000" + String(format: "%02d", n))!
    }

    /// Writes `text` as `name` in the county's folder and loads it, as `mujun ingest` would.
    @discardableResult
    public func load(_ kind: ExtractKind, _ name: String, _ text: String, options: IngestOptions) throws -> BatchReport {
        try loader.load(try folder.write(name, text), kind: kind, options: options)
    }

    /// Loads an extract of which every row must load: a fixture with a rejected row is a
    /// broken test, so the error names each reject.
    @discardableResult
    public func loadClean(_ kind: ExtractKind, _ name: String, _ text: String, today: String) throws -> BatchReport {
        var options = IngestOptions(today: CalendarDay(today)!)
        options.maxRejectRatio = 0
        let report = try load(kind, name, text, options: options)
        guard report.status == .applied, report.rowsRejected == 0 else {
            let rejects = try strings("""
                SELECT line || ' ' || coalesce(column_name, '') || ' ' || reason || ': ' || raw
                FROM runs.rejects WHERE batch_id = $1 ORDER BY line
                """, [Int(report.batchID ?? -1)])
            throw FixtureError("fixture \(name): \(report.status) \(report.message) " + rejects.joined(separator: "; "))
        }
        return report
    }

    /// Each row of a query as its columns joined by "|" (NULL as "∅").
    public func strings(_ sql: String, _ parameters: [any SQLParameter] = []) throws -> [String] {
        let r = try connection.execute(sql, parameters)
        return (0..<r.rowCount).map { row in
            (0..<r.columnCount).map { r.string(row, $0) ?? "∅" }.joined(separator: "|")
        }
    }

    public func scalar(_ sql: String, _ parameters: [any SQLParameter] = []) throws -> String? {
        try connection.execute(sql, parameters).scalar()
    }

    public func int(_ sql: String, _ parameters: [any SQLParameter] = []) throws -> Int {
        try connection.execute(sql, parameters).scalarInt()
    }

    // MARK: Policy profiles

    public static let defaultProfileURL = MujunBinary.packageRoot.appendingPathComponent("jobs/policies/default.yaml")

    /// jobs/policies/default.yaml, as shipped.
    public static var shippedDefaultProfile: PolicyProfile { try! PolicyProfile.load(defaultProfileURL.path) }

    /// Edition 1's default profile (the spec's policy-default.yaml, whose absent keys take edition
    /// 2's values, details.md #126) with `land.require_determination: false`: edition 1's land
    /// rules (an empty idle cause is the enterprise's; sanctions on findings) and lists (no
    /// enterprise lists), under which the land, grading and list fixtures' expected values were
    /// computed by hand. The shipped edition-2 default is `shippedDefaultProfile`; edition 2's
    /// procedure has its own tests (ProcedureTests, LandProcedureTests).
    public static var defaultProfile: PolicyProfile { try! profile(replacing: []) }

    public static let edition1ProfileURL = MujunBinary.packageRoot.appendingPathComponent("../shared/spec/policy-default.yaml")

    /// `defaultProfile`'s text, named `name`, with `evaluation.require_notice: false`: edition 1's
    /// direct publication, for jobs whose evaluate step publishes (details.md #127).
    public static func directPublicationYAML(name: String = "direct") throws -> String {
        edition1Land(try String(contentsOf: edition1ProfileURL, encoding: .utf8))
            .replacingOccurrences(of: "name: default", with: "name: \(name)") + "evaluation:\n  require_notice: false\n"
    }

    /// The default profile's text with edition 1's land rules (see `defaultProfile`).
    public static func edition1Land(_ yaml: String) -> String {
        if yaml.contains("require_determination: true") {
            return yaml.replacingOccurrences(of: "  require_determination: true", with: "  require_determination: false")
                .replacingOccurrences(of: "freeze_requires_determination: true", with: "freeze_requires_determination: false")
        }
        return yaml.replacingOccurrences(of: "\nland:\n", with: "\nland:\n  require_determination: false\n")
    }

    /// A shipped profile of jobs/policies/ by name.
    public static func shippedProfile(_ name: String) throws -> PolicyProfile {
        try PolicyProfile.load(MujunBinary.packageRoot.appendingPathComponent("jobs/policies/\(name).yaml").path)
    }

    /// The default profile (edition 1's land rules, as `defaultProfile`) with some text replaced
    /// (e.g. another surcharge): the replaced text
    /// must be there, so that a renamed key breaks the test instead of silently testing nothing.
    public static func profile(replacing pairs: [(String, String)]) throws -> PolicyProfile {
        var yaml = edition1Land(try String(contentsOf: edition1ProfileURL, encoding: .utf8))
        for (from, to) in pairs {
            guard yaml.contains(from) else { throw FixtureError("policy-default.yaml has no \"\(from)\"") }
            yaml = yaml.replacingOccurrences(of: from, with: to)
        }
        return try PolicyProfile(yaml: yaml, source: "test-profile.yaml")
    }
}

/// A test county that cannot be built as described.
public struct FixtureError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
