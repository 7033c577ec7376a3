import Foundation
import MujunDatabase
import MujunTestSupport
import Testing

/// `mujun migrate --distribute` and the placement files of sql/citus/ (issue 17). The tests run
/// on plain PostgreSQL, as CI does: Citus itself is verified by deploy/citus/verify.sh.
@Suite("Citus: the distribution step and its placements")
struct DistributeCommandTests {
    /// `SELECT pg_temp.mujun_reference('T')` and `SELECT pg_temp.mujun_distribute('T', 'C', …)`
    /// lines of sql/citus/, as (table, column or nil).
    static func placements() throws -> [(table: String, column: String?)] {
        let folder = MujunBinary.packageRoot.appendingPathComponent("sql/citus")
        var found: [(String, String?)] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where name.hasSuffix(".sql") {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            for line in text.split(separator: "\n") where line.hasPrefix("SELECT pg_temp.mujun_") {
                let quoted = line.split(separator: "'", omittingEmptySubsequences: false).enumerated()
                    .filter { $0.offset % 2 == 1 }.map { String($0.element) }
                found.append((quoted[0], line.contains("mujun_distribute") ? quoted[1] : nil))
            }
        }
        return found
    }

    @Test("on plain PostgreSQL: migrations applied, then exit 69 naming Citus; plain migrate leaves mujun_owner NOLOGIN")
    func refusedWithoutCitus() throws {
        let db = try TestDatabase.migrated()
        let result = try MujunBinary.run(["migrate", "--distribute"], environment: db.environment)
        #expect(result.status == 69, "\(result.stderr)")
        #expect(result.stderr.contains("has no Citus extension"))
        #expect(result.stderr.contains("deploy/citus/README.md"))
        let connection = try db.connect()
        #expect(try CitusCluster.version(connection) == nil)
        #expect(try CitusCluster.prepareOwner(connection) == false)
        #expect(try connection.execute("SELECT rolcanlogin FROM pg_roles WHERE rolname = 'mujun_owner'").scalar() == "f")
        // Nothing was dropped on the way: every definition is still there.
        let again = try MujunBinary.run(["migrate", "--json"], environment: db.environment)
        #expect(again.status == 0)
        #expect(again.stdout.contains("\"definitions_applied\":[]"), "\(again.stdout)")
    }

    @Test("every table of core and runs is placed once; a distributed table's keys include its column")
    func everyTablePlaced() throws {
        let placed = try Self.placements()
        #expect(placed.count == 31)
        #expect(Set(placed.map(\.table)).count == placed.count, "a table is placed twice")
        let db = try TestDatabase.migrated()
        let connection = try db.connect()
        let tables = try connection.execute("""
            SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname IN ('core', 'runs') AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1
            """)
        let all = Set((0..<tables.rowCount).compactMap { tables.string($0, 0) })
        #expect(all == Set(placed.map(\.table)), "unplaced: \(all.subtracting(placed.map(\.table)).sorted())")
        // Citus requires every primary key and unique constraint of a distributed table to
        // include the distribution column (spec scale.md); the enterprise-keyed ones use uscc.
        for (table, column) in placed {
            guard let column else { continue }
            let missing = try connection.execute("""
                SELECT count(*) FROM pg_constraint k
                WHERE k.conrelid = $1::regclass AND k.contype IN ('p', 'u')
                  AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = k.conrelid
                                  AND a.attnum = ANY (k.conkey) AND a.attname = $2)
                """, [table, column]).scalarInt()
            #expect(missing == 0, "\(table): a key without \(column)")
        }
        #expect(placed.filter { $0.column == "uscc" }.map(\.table).sorted()
                == ["core.registry_rows", "core.statistics_rows", "core.tax_rows", "runs.enterprise_grades",
                    "runs.indicator_points", "runs.list_no_account", "runs.list_rows"])
        #expect(placed.filter { $0.column == "account_no" }.map(\.table) == ["core.power_rows", "core.account_rows"])
    }
}
