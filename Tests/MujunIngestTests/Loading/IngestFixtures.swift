import Foundation
import MujunCore
import MujunDatabase
import MujunIngest
import MujunTestSupport

/// The loading tests' county: extracts that may be refused or have rejects, loaded with the
/// options under test.
struct IngestBench {
    let county: CountyFixture
    var db: TestDatabase { county.db }
    var folder: TemporaryDirectory { county.folder }
    var connection: Connection { county.connection }
    var loader: BatchLoader { county.loader }

    init() throws {
        county = try CountyFixture()
    }

    func options(maxRejectRatio: Double = 1.0, force: Bool = false, asOf: String? = nil) -> IngestOptions {
        var o = IngestOptions(today: CalendarDay("2025-06-30")!)
        o.maxRejectRatio = maxRejectRatio
        o.force = force
        o.asOf = asOf.flatMap(CalendarDay.init)
        return o
    }

    @discardableResult
    func load(_ kind: ExtractKind, _ name: String, _ text: String, maxRejectRatio: Double = 1.0,
              force: Bool = false, asOf: String? = nil) throws -> BatchReport {
        try county.load(kind, name, text, options: options(maxRejectRatio: maxRejectRatio, force: force, asOf: asOf))
    }

    /// Rejects of a batch as "line:column:reason", ordered by line.
    func rejects(_ batch: Int64?) throws -> [String] {
        let r = try connection.execute("""
            SELECT line || ':' || column_name || ':' || reason FROM runs.rejects WHERE batch_id = $1 ORDER BY line
            """, [Int(batch ?? -1)])
        return (0..<r.rowCount).map { r.string($0, 0)! }
    }

    func strings(_ sql: String, _ parameters: [any SQLParameter] = []) throws -> [String] {
        try county.strings(sql, parameters)
    }
}

/// Valid credit codes from spec domain.md, and more made with the check character rule.
enum Codes {
    static let a = "91350100M000100Y43"
    static let b = "91330703MA2HABCD3N"
    static let c = "913202817462138543"
    static let d = "91341825MA8P0Q1R28"
    static let e = "91110105771583283D"
    static let f = "91440300708461136T"
    /// Wrong check character (domain.md).
    static let bad = "91350200M000000510"
}
