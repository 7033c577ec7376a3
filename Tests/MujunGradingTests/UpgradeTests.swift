import Foundation
import MujunCore
import MujunDatabase
import MujunGrading
import MujunIngest
import MujunLand
import MujunTestSupport
import Testing

/// Upgrading a database made by `main` before the definitions handover (commit e649714, issue 13):
/// its migrations are read from git history, applied the way that version's `mujun migrate` did,
/// the grading county is loaded into it, and this version's `migrate` runs. The upgraded database
/// must then hold the same objects, records and results as a fresh one.
@Suite("Upgrade from a database made before the definitions handover")
struct UpgradeTests {
    static let base = "e649714"

    /// main's `sql/migrations/` at `base`, as files.
    static func baseMigrations() throws -> TemporaryDirectory {
        let folder = try TemporaryDirectory()
        let listing = try git(["ls-tree", "--name-only", base, "sql/migrations/"])
        let files = listing.split(separator: "\n").map(String.init).filter { $0.hasSuffix(".sql") }
        guard files.count == 17 else { throw UpgradeError("expected main's 17 migrations at \(base), found \(files.count)") }
        for path in files {
            _ = try folder.write(URL(fileURLWithPath: path).lastPathComponent, try git(["show", "\(base):\(path)"]))
        }
        return folder
    }

    static func git(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", MujunBinary.packageRoot.path] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let message = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw UpgradeError("the upgrade test reads main's migrations from git history (commit \(base)); "
                               + "run it in a full clone: git \(arguments.joined(separator: " ")): "
                               + String(decoding: message, as: UTF8.self))
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// A database migrated as main's `mujun migrate` did at `base`: each file in its own
    /// transaction, recorded with its checksum, run as mujun_owner except the role bootstrap.
    static func baseDatabase() throws -> TestDatabase {
        let folder = try baseMigrations()
        let db = try TestDatabase.empty()
        let connection = try db.connect()
        try connection.execute("""
            CREATE TABLE public.mujun_schema_migrations (
                version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
                applied_at timestamptz NOT NULL, applied_by text NOT NULL)
            """)
        for migration in try Migration.load(from: folder.url) {
            try connection.transaction { tx in
                try tx.execute("""
                    INSERT INTO public.mujun_schema_migrations VALUES ($1, $2, $3, clock_timestamp(), session_user)
                    """, [migration.version, migration.name, migration.checksum])
                if !migration.runsAsLogin { try tx.execute("SET LOCAL ROLE mujun_owner") }
                try tx.executeScript(migration.sql)
            }
        }
        return db
    }

    static func lines(_ connection: Connection, _ sql: String, _ parameters: [any SQLParameter] = []) throws -> [String] {
        let r = try connection.execute(sql, parameters)
        return (0..<r.rowCount).map { row in (0..<r.columnCount).map { r.string(row, $0) ?? "∅" }.joined(separator: "|") }
    }

    /// Every view and function of the pipeline's schemas with its text, owner, privileges,
    /// options and comments: what an analyst or a run can tell apart.
    static let objects = """
        SELECT n.nspname || '.' || c.relname, pg_get_viewdef(c.oid), c.relowner::regrole::text,
               coalesce(c.relacl::text, ''), coalesce(array_to_string(c.reloptions, ','), ''),
               coalesce(obj_description(c.oid, 'pg_class'), ''),
               (SELECT count(*) FROM pg_description d WHERE d.objoid = c.oid AND d.objsubid > 0)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'v' AND n.nspname IN ('core', 'mart', 'runs', 'staging')
        UNION ALL
        SELECT p.oid::regprocedure::text, pg_get_functiondef(p.oid), p.proowner::regrole::text,
               coalesce(p.proacl::text, ''), '', coalesce(obj_description(p.oid, 'pg_proc'), ''), 0
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname IN ('core', 'mart', 'runs', 'staging')
        ORDER BY 1
        """

    @Test("main's database upgrades in one migration: same objects, records and results as a fresh one")
    func upgradesLikeFresh() throws {
        let fresh = try GradingFixture()
        let old = try Self.baseDatabase()
        let connection = try old.connect()

        // The grading county, loaded into the old database with the files the fixture loaded, in
        // the fixture's order (registry, parcels, then tax and power).
        let order = ["registry", "parcels", "tax", "power"]
        func rank(_ file: String) -> Int { order.firstIndex { file.hasPrefix($0) } ?? order.count }
        let files = try FileManager.default.contentsOfDirectory(atPath: fresh.folder.url.path).sorted { a, b in
            (rank(a), a) < (rank(b), b)
        }
        #expect(files == ["registry_2024-12-31.csv", "parcels_2024-12-31.csv", "tax_2024-12-31.csv", "power_2024-12-31.csv"])
        // Today's loader creates and applies a batch through functions main did not have (its
        // loader ran that DDL itself, as a superuser): they, and the kind → table function they
        // call, are installed here first, as mujun_owner, the way migrate installs them.
        let migrator = try Migrator(connection: connection)
        for name in ["core.history_table", "core.create_batch_table", "core.apply_batch"] {
            let definition = try #require(migrator.definitions.first { $0.qualifiedName == name })
            try connection.transaction { tx in
                try tx.execute("SET LOCAL ROLE mujun_owner")
                try tx.run(definition.script)
            }
        }
        // Today's loader also writes the parcels column edition 2 adds (rectify_by, migration 0065,
        // which adds it only if missing).
        try connection.transaction { tx in
            try tx.execute("SET LOCAL ROLE mujun_owner")
            try tx.execute("ALTER TABLE core.parcel_rows ADD COLUMN rectify_by date")
        }
        let loader = BatchLoader(connection: connection)
        for file in files {
            var options = IngestOptions(today: CalendarDay("2025-01-15")!)
            options.maxRejectRatio = 0
            let kind = ExtractKind(rawValue: String(file.prefix { $0 != "_" }))!
            let report = try loader.load(fresh.folder.url.appendingPathComponent(file), kind: kind, options: options)
            #expect(report.status == .applied && report.rowsRejected == 0)
        }

        // Two edition-1 publications of 2023: run 899, replaced by run 900 (details.md #92).
        try connection.execute("INSERT INTO runs.policy_profiles VALUES (repeat('a', 64), 'old', '{}', '', now())")
        try connection.execute("""
            INSERT INTO runs.evaluation_runs (run_id, year, policy_sha256, policy_name, started_at, finished_at, input_batch_ids,
                                              complete, published, published_at, made_by)
            VALUES (899, 2023, repeat('a', 64), 'old', '2025-02-01T00:00:00Z', '2025-02-01T00:00:00Z', '{}', true, false,
                    '2025-02-01T00:00:00Z', 'old'),
                   (900, 2023, repeat('a', 64), 'old', '2025-03-01T17:00:00Z', '2025-03-01T17:00:00Z', '{}', true, true,
                    '2025-03-01T17:30:00Z', 'old')
            """)
        let outcome = try migrator.run()
        #expect(outcome.migrations.map(\.fileName) == ["0060_definitions_handover.sql", "0061_list_exports_published.sql", "0062_loader_grants.sql",
                                                         "0063_statistics.sql", "0064_edition2_grading.sql", "0065_edition2_lists.sql",
                                                         "0066_procedure.sql", "0067_land_procedure.sql"])
        // They keep their state, get published_on = the day they were published (Asia/Shanghai:
        // 17:30 UTC is the next morning) and no decision number; the replaced one its end.
        #expect(try Self.lines(connection, """
            SELECT run_id, published, published_on, coalesce(decision_no, '-'), coalesce(replaced_on::text, '-')
            FROM runs.evaluation_runs WHERE run_id IN (899, 900) ORDER BY run_id
            """) == ["899|f|2025-02-01|-|2025-03-02", "900|t|2025-03-02|-|-"])
        try connection.execute("DELETE FROM runs.evaluation_runs WHERE run_id IN (899, 900)")
        try connection.execute("DELETE FROM runs.policy_profiles WHERE sha256 = repeat('a', 64)")
        #expect(outcome.definitions.map(\.qualifiedName) == migrator.definitions.map(\.qualifiedName))
        #expect(outcome.definitions.count == 39)
        let again = try Migrator(connection: connection).run()
        #expect(again.migrations.isEmpty && again.definitions.isEmpty)

        // Records: the edited migrations now carry their new checksums; definitions as fresh.
        let records = "SELECT version, name, checksum FROM public.mujun_schema_migrations ORDER BY version"
        let definitionRecords = "SELECT name, kind, checksum FROM public.mujun_schema_definitions ORDER BY name"
        #expect(try Self.lines(connection, records) == (try Self.lines(fresh.connection, records)))
        #expect(try Self.lines(connection, definitionRecords) == (try Self.lines(fresh.connection, definitionRecords)))
        #expect(try Self.lines(connection, records).count == 25)
        // Objects: the same views and functions, texts, owners, grants, options and comments.
        let objects = try Self.lines(connection, Self.objects)
        #expect(objects == (try Self.lines(fresh.connection, Self.objects)))
        #expect(objects.count == 39)

        // Results: a flag run and an evaluation give the same rows on both.
        let policy = GradingFixture.defaultProfile
        for c in [connection, fresh.connection] {
            _ = try FlagRun(connection: c).run(asOf: CalendarDay("2024-12-31")!, policy: policy, madeBy: "test")
            _ = try Evaluator(connection: c).evaluate(year: 2024, policy: policy, publish: true, madeBy: "test")
        }
        let flags = """
            SELECT holder_uscc, parcel_id, flag_code, since, years, recommendation, idle_fee_yuan, evidence::text
            FROM runs.parcel_flags ORDER BY 1, 2, 3
            """
        let grades = """
            SELECT uscc, name, region_code, land_m2, tax_yuan, sales_yuan, kwh, first_production, completion_passed,
                   tax_per_mu, sales_per_mu, tax_per_kwh, cohort, score, rank, cohort_size, computed_grade, grade,
                   consecutive_d_years, reasons
            FROM runs.enterprise_grades ORDER BY uscc
            """
        let mart = "SELECT * FROM mart.enterprise_year ORDER BY year, uscc"
        let upgradedFlags = try Self.lines(connection, flags)
        #expect(upgradedFlags == (try Self.lines(fresh.connection, flags)))
        #expect(upgradedFlags.contains { $0.contains("|IDLE-1|") })
        let upgradedGrades = try Self.lines(connection, grades)
        #expect(upgradedGrades == (try Self.lines(fresh.connection, grades)))
        #expect(upgradedGrades.filter { $0.hasSuffix("idle_land_veto;no_power_data") }.count == 1)
        #expect(try Self.lines(connection, mart) == (try Self.lines(fresh.connection, mart)))
    }

    @Test("a migration edited without the checksum it shipped with is still refused")
    func editedMigrationRefused() throws {
        let folder = try Self.baseMigrations()
        let db = try Self.baseDatabase()
        // 0005 as main shipped it, less one line: an edit that carries no shipped checksum.
        let file = folder.url.appendingPathComponent("0005_current_views.sql")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "-- Current data", with: "-- current data").write(to: file, atomically: true, encoding: .utf8)
        #expect {
            try Migrator(connection: try db.connect(), directory: folder.url).migrate()
        } throws: { error in
            (error as? DatabaseError)?.message.contains("0005_current_views.sql changed after it was applied") == true
        }
    }
}

/// Why the upgrade test could not build main's database.
struct UpgradeError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
