import Foundation
import MujunCore
import MujunDatabase
import MujunGrading
import MujunIngest
import MujunTestSupport
import Synchronization
import Testing

/// Analysts as real logins (spec security.md): least privilege, and region analysts limited to
/// their granted townships in every mart view, through joins and aggregates.
@Suite("Security: analysts and regions")
struct SecurityTests {
    static let counter = Atomic<Int>(0)

    /// Creates a login role (cluster-wide, unique per test) that is a member of `group`.
    static func login(_ admin: Connection, group: String) throws -> String {
        let name = "t_\(group.replacingOccurrences(of: "mujun_", with: ""))_\(ProcessInfo.processInfo.processIdentifier)_\(counter.add(1, ordering: .relaxed).newValue)"
        try admin.execute("CREATE ROLE \(name) LOGIN")
        try admin.execute("GRANT \(group) TO \(name)")
        return name
    }

    /// A county of two townships with a published evaluation.
    static func county() throws -> (TestDatabase, Connection) {
        let county = try CountyFixture()
        func load(_ kind: ExtractKind, _ name: String, _ text: String) throws {
            try county.loadClean(kind, name, text, today: "2025-01-15")
        }
        var registry = "uscc,name,status,industry_code,region_code,above_scale\n"
        var parcels = "parcel_id,holder_uscc,region_code,land_use,area_m2,supplied_on,agreed_start_on,actual_start_on,production_start_on\n"
        var tax = "uscc,period,vat,sales_revenue\n"
        for i in 1...6 {
            let code = CountyFixture.code(i)
            let region = i <= 3 ? "320101" : "320102"
            registry += "\(code),企业\(i),存续,C3311,\(region),是\n"
            parcels += "P\(i),\(code),\(region),工业,10000,2015-01-01,2015-06-01,2015-07-01,2016-01-01\n"
            for m in 1...12 { tax += "\(code),2024-\(String(format: "%02d", m)),\(i * 1000),\(i * 10000)\n" }
        }
        try load(.registry, "registry.csv", registry)
        try load(.parcels, "parcels.csv", parcels)
        try load(.tax, "tax.csv", tax)
        _ = try Evaluator(connection: county.connection).evaluate(year: 2024, policy: CountyFixture.defaultProfile,
                                                                  publish: true, allowIncomplete: true, madeBy: "t")
        return (county.db, county.connection)
    }

    static func connect(_ db: TestDatabase, as user: String) throws -> Connection {
        try Connection(try ConnectionString("dbname=\(db.name) user=\(user)"), applicationName: "analyst test")
    }

    @Test("an analyst reads mart only and writes nothing")
    func analystLeastPrivilege() throws {
        let (db, admin) = try SecurityTests.county()
        let analyst = try SecurityTests.connect(db, as: try SecurityTests.login(admin, group: "mujun_analyst"))
        #expect(try analyst.execute("SELECT count(*) FROM mart.enterprise_grades").scalarInt() == 6)
        for table in ["core.tax_rows", "core.registry_current", "runs.batches", "runs.enterprise_grades",
                      "runs.region_grants", "public.mujun_schema_migrations"] {
            #expect(performing: { try analyst.execute("SELECT 1 FROM \(table) LIMIT 1") }, throws: { error in
                (error as? DatabaseError)?.sqlState == "42501"
            })
        }
        let stagingTables = try admin.execute("SELECT schemaname || '.' || tablename FROM pg_tables WHERE schemaname = 'staging'")
        #expect(stagingTables.rowCount == 0)
        #expect(performing: { try analyst.execute("CREATE TABLE mart.mine (x int)") }, throws: { error in
            (error as? DatabaseError)?.sqlState == "42501"
        })
        #expect(performing: { try analyst.execute("DELETE FROM mart.enterprise_grades") }, throws: { error in
            ["42501", "55000"].contains((error as? DatabaseError)?.sqlState ?? "")  // denied, or not updatable
        })
        #expect(performing: { try analyst.execute("CREATE TEMPORARY TABLE scratch (x int)") }, throws: { error in
            (error as? DatabaseError)?.sqlState == "42501"
        })
    }

    @Test("a region analyst sees exactly its townships, through joins and aggregates; revoking is immediate")
    func regionAnalyst() throws {
        let (db, admin) = try SecurityTests.county()
        let role = try SecurityTests.login(admin, group: "mujun_analyst")
        let grants = RegionGrants(connection: admin)
        try grants.grant(role: role, regions: ["320101"], by: "test")
        let analyst = try SecurityTests.connect(db, as: role)

        #expect(try analyst.execute("SELECT string_agg(DISTINCT region_code, ',') FROM mart.enterprise_grades").scalar() == "320101")
        #expect(try analyst.execute("SELECT count(*) FROM mart.enterprise_grades").scalarInt() == 3)
        #expect(try analyst.execute("SELECT sum(tax_yuan)::bigint FROM mart.enterprise_grades").scalarInt() == (1 + 2 + 3) * 12_000)
        #expect(try analyst.execute("SELECT count(*) FROM mart.enterprise_year WHERE region_code = '320102'").scalarInt() == 0)
        // A join between views cannot reach the other township either.
        #expect(try analyst.execute("""
            SELECT count(*) FROM mart.enterprise_year y JOIN mart.enterprise_grades g USING (uscc, year)
            """).scalarInt() == 3)
        // A leaky function cannot see filtered rows (security-barrier views).
        try admin.execute("CREATE FUNCTION public.peek(t text) RETURNS boolean LANGUAGE plpgsql COST 0.0000001 AS $$ BEGIN RAISE NOTICE 'saw %', t; RETURN true; END $$")
        #expect(try analyst.execute("SELECT count(*) FROM mart.enterprise_grades WHERE public.peek(region_code)").scalarInt() == 3)

        try grants.grant(role: role, regions: ["320102"], by: "test")
        #expect(try analyst.execute("SELECT count(*) FROM mart.enterprise_grades").scalarInt() == 6)
        let cli = try MujunBinary.run(["revoke-region", role, "320101"], environment: db.environment)
        #expect(cli.status == 0)
        #expect(try analyst.execute("SELECT string_agg(DISTINCT region_code, ',') FROM mart.enterprise_grades").scalar() == "320102")
        try grants.revoke(role: role, regions: [])
        #expect(try analyst.execute("SELECT count(*) FROM mart.enterprise_grades").scalarInt() == 0)
        // A plain analyst (not a region analyst) still sees everything.
        let plain = try SecurityTests.connect(db, as: try SecurityTests.login(admin, group: "mujun_analyst"))
        #expect(try plain.execute("SELECT count(*) FROM mart.enterprise_grades").scalarInt() == 6)
        #expect(try MujunBinary.run(["grant-region", "no_such_role_x", "320101"], environment: db.environment).status == 1)
    }

    @Test("SET ROLE to a role the login holds never widens what a region analyst sees (issue 16 item 4)")
    func setRoleDoesNotWiden() throws {
        let (db, admin) = try SecurityTests.county()
        let role = try SecurityTests.login(admin, group: "mujun_analyst")
        let cli = try MujunBinary.run(["grant-region", role, "320101"], environment: db.environment)
        #expect(cli.status == 0)
        #expect(cli.stderr.contains("note: \(role) is also a member of mujun_analyst"))
        let analyst = try SecurityTests.connect(db, as: role)
        func seen() throws -> String? {
            try analyst.execute("SELECT string_agg(DISTINCT region_code, ',' ORDER BY region_code) FROM mart.enterprise_grades").scalar()
        }
        #expect(try seen() == "320101")
        // Before, the filter asked current_user: after SET ROLE mujun_analyst it saw 320101,320102.
        for group in ["mujun_analyst", "mujun_region_analyst"] {
            try analyst.execute("SET ROLE \(group)")
            #expect(try seen() == "320101", "after SET ROLE \(group)")
            #expect(try analyst.execute("SELECT count(*) FROM mart.enterprise_year WHERE region_code = '320102'").scalarInt() == 0)
            #expect(try analyst.execute("SELECT count(*) FROM mart.parcel_flags WHERE region_code = '320102'").scalarInt() == 0)
            try analyst.execute("RESET ROLE")
        }
        // A code is free text: one with a backslash or a quote is revoked like any other.
        let odd = try MujunBinary.run(["revoke-region", role, "a\\", "b\"c"], environment: db.environment)
        #expect(odd.status == 0, "\(odd.stderr)")
        #expect(try seen() == "320101")
        #expect(try MujunBinary.run(["revoke-region", role, "320101"], environment: db.environment).status == 0)
        #expect(try seen() == nil)
    }

    @Test("a login that is only a mujun_loader runs ingest, flag, evaluate, export, run nightly and status (issue 16 item 6)")
    func loaderLogin() throws {
        let db = try TestDatabase.migrated()
        let admin = try db.connect()
        let etl = try SecurityTests.login(admin, group: "mujun_loader")
        #expect(try admin.execute("SELECT rolsuper FROM pg_roles WHERE rolname = $1", [etl]).scalar() == "f")
        var env = db.environment
        env["PGUSER"] = etl
        env["MUJUN_TODAY"] = "2025-03-15"
        let folder = try TemporaryDirectory()
        let a = CountyFixture.code(1)
        let registry = try folder.write("registry_20250101.csv", "uscc,name,status,industry_code,region_code,above_scale\n\(a),甲,存续,3311,320101,是\n")
        // Before: "permission denied for schema staging" (ingest) and for mujun_schema_migrations (status).
        let ingest = try MujunBinary.run(["ingest", "registry", registry.path], environment: env)
        #expect(ingest.status == 0, "\(ingest.stderr)")
        let parcels = try folder.write("parcels_20250101.csv", """
            parcel_id,holder_uscc,region_code,land_use,area_m2,supplied_on,agreed_start_on
            P1,\(a),320101,工业,10000,2020-01-01,2020-06-01

            """)
        #expect(try MujunBinary.run(["ingest", "parcels", parcels.path], environment: env).status == 0)
        #expect(try MujunBinary.run(["flag", "--as-of", "2025-03-15"], environment: env).status == 0)
        // Edition 1's direct publication needs a profile without a notice (procedure.md §1).
        let direct = try folder.write("direct.yaml", try CountyFixture.directPublicationYAML())
        let evaluate = try MujunBinary.run(["evaluate", "--year", "2024", "--publish", "--allow-incomplete",
                                            "--policy", direct.path], environment: env)
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        let export = try MujunBinary.run(["export", "all", "--date", "2025-03-15", "--out", folder.url.appendingPathComponent("lists").path],
                                         environment: env)
        #expect(export.status == 0, "\(export.stderr)")
        let job = try JobFolder(name: "loader", steps: ["ingest-inbox", "flag: {as_of: today}", "export: {lists: all}"])
        let run = try job.run(environment: env)
        #expect(run.status == 0, "\(run.stderr)")
        let status = try MujunBinary.run(["status", "--jobs-dir", job.jobs.path], environment: env)
        #expect(!status.stderr.contains("permission denied"), "\(status.stderr)")
        #expect(status.stdout.contains("loader"))
        // The loader still cannot migrate, nor write the mart's tables directly.
        #expect(try MujunBinary.run(["migrate"], environment: env).status != 0)
        #expect(try admin.execute("SELECT relowner::regrole::text FROM pg_class WHERE oid = 'core.registry_b1'::regclass").scalar() == "mujun_owner")
    }
}
