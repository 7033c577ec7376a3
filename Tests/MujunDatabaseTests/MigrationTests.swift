import Foundation
import MujunDatabase
import MujunTestSupport
import Testing

@Suite("Migrations")
struct MigrationTests {
    @Test("apply once, then a second run applies nothing")
    func appliesOnceAndIsIdempotent() throws {
        let db = try TestDatabase.empty()
        let connection = try db.connect()
        let migrator = try Migrator(connection: connection)
        let first = try migrator.migrate()
        #expect(first.count == migrator.migrations.count)
        #expect(first.map(\.version) == migrator.migrations.map(\.version))
        #expect(try Migrator(connection: connection).migrate().isEmpty)
        #expect(try connection.execute("SELECT count(*) FROM public.mujun_schema_migrations").scalarInt()
                == migrator.migrations.count)

        let schemas = try connection.execute("""
            SELECT string_agg(nspname, ',' ORDER BY nspname) FROM pg_namespace
            WHERE nspname IN ('staging', 'core', 'runs', 'mart')
            """).scalar()
        #expect(schemas == "core,mart,runs,staging")
        let owners = try connection.execute("""
            SELECT count(*) FROM pg_namespace
            WHERE nspname IN ('staging', 'core', 'runs', 'mart') AND nspowner = 'mujun_owner'::regrole
            """).scalarInt()
        #expect(owners == 4)
        let roles = try connection.execute("""
            SELECT string_agg(rolname, ',' ORDER BY rolname) FROM pg_roles WHERE rolname LIKE 'mujun\\_%'
            """).scalar()
        #expect(roles == "mujun_analyst,mujun_loader,mujun_owner,mujun_region_analyst")
        let withPassword = try connection.execute("""
            SELECT count(*) FROM pg_authid WHERE rolname LIKE 'mujun\\_%' AND rolpassword IS NOT NULL
            """).scalarInt()
        #expect(withPassword == 0)
    }

    @Test("a migration changed after it was applied is refused")
    func changedMigrationIsRefused() throws {
        let db = try TestDatabase.empty()
        let folder = try TemporaryDirectory()
        let files = try FileManager.default.contentsOfDirectory(atPath: Migrator.bundledDirectory.path)
        for file in files {
            try FileManager.default.copyItem(at: Migrator.bundledDirectory.appendingPathComponent(file),
                                             to: folder.url.appendingPathComponent(file))
        }
        let connection = try db.connect()
        try Migrator(connection: connection, directory: folder.url).migrate()

        let edited = folder.url.appendingPathComponent("0002_schemas.sql")
        let text = try String(contentsOf: edited, encoding: .utf8) + "\n-- an innocent-looking edit\n"
        try text.write(to: edited, atomically: true, encoding: .utf8)

        #expect {
            try Migrator(connection: connection, directory: folder.url).migrate()
        } throws: { error in
            guard let e = error as? DatabaseError else { return false }
            return e.code == .migrationMismatch && e.message.contains("0002_schemas.sql changed after it was applied")
        }

        // The command line says the same and exits 1.
        let outcome = try MujunBinary.run(["migrate", "--migrations", folder.url.path], environment: db.environment)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("0002_schemas.sql changed after it was applied"))
    }

    @Test("a failing migration leaves nothing behind and is not recorded")
    func failingMigrationRollsBack() throws {
        let db = try TestDatabase.empty()
        let folder = try TemporaryDirectory()
        for file in try FileManager.default.contentsOfDirectory(atPath: Migrator.bundledDirectory.path) {
            try FileManager.default.copyItem(at: Migrator.bundledDirectory.appendingPathComponent(file),
                                             to: folder.url.appendingPathComponent(file))
        }
        try folder.write("9999_broken.sql", "CREATE TABLE core.half_done (id int);\nSELECT 1/0;\n")
        let connection = try db.connect()
        #expect {
            try Migrator(connection: connection, directory: folder.url).migrate()
        } throws: { error in
            (error as? DatabaseError)?.sqlState == "22012"
                && (error as? DatabaseError)?.scriptFile == "sql/migrations/9999_broken.sql"
                && (error as? DatabaseError)?.scriptLine == 2
                && (error as? DatabaseError)?.statement == "SELECT 1/0;"
        }
        #expect(try connection.execute("SELECT to_regclass('core.half_done') IS NULL").scalar() == "t")
        #expect(try connection.execute(
            "SELECT count(*) FROM public.mujun_schema_migrations WHERE version = 9999").scalarInt() == 0)
    }

    /// A copy of the shipped `sql/migrations/` and `sql/definitions/`, side by side, to edit.
    static func sqlCopy() throws -> TemporaryDirectory {
        let folder = try TemporaryDirectory()
        try FileManager.default.copyItem(at: Migrator.bundledDirectory, to: folder.url.appendingPathComponent("migrations"))
        try FileManager.default.copyItem(at: Migrator.bundledDefinitionsDirectory,
                                         to: folder.url.appendingPathComponent("definitions"))
        return folder
    }

    static func migrator(_ connection: Connection, _ folder: TemporaryDirectory) throws -> Migrator {
        try Migrator(connection: connection, directory: folder.url.appendingPathComponent("migrations"))
    }

    @Test("definitions are applied after what they name, recorded, and not again while unchanged")
    func definitionsInDependencyOrder() throws {
        let db = try TestDatabase.empty()
        let connection = try db.connect()
        let migrator = try Migrator(connection: connection)
        let outcome = try migrator.run()
        let order = outcome.definitions.map(\.qualifiedName)
        #expect(order == migrator.definitions.map(\.qualifiedName))
        #expect(Set(order).count == 39)
        // Derived from the names each file mentions: the mart's year inputs come after the
        // function they call, which comes after the scope and the links it reads.
        func position(_ name: String) -> Int { order.firstIndex(of: name) ?? -1 }
        #expect(position("core.parcels_current") < position("core.parcels_in_scope"))
        #expect(position("core.parcels_in_scope") < position("core.idle_parcels"))
        #expect(position("core.parcels_in_scope") < position("core.enterprise_year_inputs"))
        #expect(position("core.power_account_links") < position("core.enterprise_year_inputs"))
        #expect(position("core.enterprise_year_inputs") < position("core.enterprise_year_inputs_as_owner"))
        #expect(position("core.enterprise_year_inputs_as_owner") < position("mart.enterprise_year"))
        #expect(position("mart.region_restricted") < position("mart.parcel_flags"))
        #expect(migrator.definitions.first { $0.qualifiedName == "mart.enterprise_year" }?.dependencies
                == ["core.enterprise_year_inputs_as_owner", "core.indicator_values", "core.known_months", "mart.region_restricted",
                    "runs.login_regions"])
        #expect(try connection.execute("SELECT count(*) FROM public.mujun_schema_definitions").scalarInt() == 39)
        let again = try Migrator(connection: connection).run()
        #expect(again.migrations.isEmpty && again.definitions.isEmpty)
    }

    @Test("a changed definition is applied again with what names it; one that loses a column is made anew, keeping its grants")
    func changedDefinition() throws {
        let db = try TestDatabase.empty()
        let folder = try Self.sqlCopy()
        try folder.write("definitions/mart/zz_base.sql", "CREATE OR REPLACE VIEW mart.zz_base AS SELECT 1 AS a, 2 AS b;\n")
        try folder.write("definitions/mart/zz_top.sql", "CREATE OR REPLACE VIEW mart.zz_top AS SELECT a FROM mart.zz_base;\n")
        let connection = try db.connect()
        try Self.migrator(connection, folder).migrate()
        func oid(_ view: String) throws -> String? { try connection.execute("SELECT '\(view)'::regclass::oid").scalar() }
        let topBefore = try oid("mart.zz_top")

        // A new column at the end: replaced in place, the dependent too (same objects).
        try folder.write("definitions/mart/zz_base.sql", "CREATE OR REPLACE VIEW mart.zz_base AS SELECT 1 AS a, 2 AS b, 3 AS c;\n")
        var outcome = try Self.migrator(connection, folder).run()
        #expect(outcome.migrations.isEmpty)
        #expect(outcome.definitions.map(\.qualifiedName) == ["mart.zz_base", "mart.zz_top"])
        #expect(try oid("mart.zz_top") == topBefore)

        // A column dropped: CREATE OR REPLACE is refused, so base and top are dropped and made anew.
        try folder.write("definitions/mart/zz_base.sql", "CREATE OR REPLACE VIEW mart.zz_base AS SELECT 1 AS a;\n")
        outcome = try Self.migrator(connection, folder).run()
        #expect(outcome.definitions.map(\.qualifiedName) == ["mart.zz_base", "mart.zz_top"])
        #expect(try oid("mart.zz_top") != topBefore)
        #expect(try connection.execute("""
            SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute
            WHERE attrelid = 'mart.zz_base'::regclass AND attnum > 0
            """).scalar() == "a")
        // The default privileges of the mart (0002, 0007) give the new view the old one's grants.
        #expect(try connection.execute("""
            SELECT has_table_privilege('mujun_analyst', 'mart.zz_top', 'SELECT')
                   AND has_table_privilege('mujun_region_analyst', 'mart.zz_top', 'SELECT')
                   AND NOT has_table_privilege('mujun_analyst', 'mart.zz_top', 'INSERT')
            """).scalar() == "t")
        let recorded = try connection.execute(
            "SELECT checksum FROM public.mujun_schema_definitions WHERE name = 'mart.zz_base'").scalar()
        #expect(recorded == (try Self.migrator(connection, folder)).definitions.first { $0.name == "zz_base" }?.checksum)

        // An object dropped by hand (or by a migration) is made again, alone.
        try connection.execute("DROP VIEW mart.rejects")
        outcome = try Self.migrator(connection, folder).run()
        #expect(outcome.definitions.map(\.qualifiedName) == ["mart.rejects"])
        #expect(try connection.execute("SELECT to_regclass('mart.rejects') IS NOT NULL").scalar() == "t")

        // A failing definition rolls everything of its migrate back.
        try folder.write("definitions/mart/zz_base.sql", "CREATE OR REPLACE VIEW mart.zz_base AS SELECT 1/0 AS a FROM mart.nowhere;\n")
        #expect {
            try Self.migrator(connection, folder).migrate()
        } throws: { error in
            (error as? DatabaseError)?.scriptFile == "sql/definitions/mart/zz_base.sql"
        }
        #expect(try oid("mart.zz_top") != nil)
        #expect(try connection.execute(
            "SELECT checksum FROM public.mujun_schema_definitions WHERE name = 'mart.zz_base'").scalar() == recorded)
    }

    @Test("a migration that names a definition in a check gets it first")
    func migrationNeedsDefinition() throws {
        let db = try TestDatabase.empty()
        let folder = try Self.sqlCopy()
        try folder.write("definitions/runs/zz_is_code.sql", """
            CREATE OR REPLACE FUNCTION runs.zz_is_code(x text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT x ~ '^[0-9]{6}$' $$;

            """)
        try folder.write("migrations/9998_coded.sql", """
            -- mujun: needs runs.zz_is_code
            CREATE TABLE runs.zz_coded (code text CHECK (runs.zz_is_code(code)));

            """)
        let connection = try db.connect()
        let outcome = try Self.migrator(connection, folder).run()
        #expect(outcome.migrations.last?.fileName == "9998_coded.sql")
        #expect(outcome.definitions.filter { $0.name == "zz_is_code" }.count == 1)
        #expect(try connection.execute("SELECT to_regclass('runs.zz_coded') IS NOT NULL").scalar() == "t")
    }

    @Test("a function whose arguments change replaces the old one, with what calls it")
    func functionArgumentsChange() throws {
        let db = try TestDatabase.empty()
        let folder = try Self.sqlCopy()
        try folder.write("definitions/runs/zz_twice.sql", """
            CREATE OR REPLACE FUNCTION runs.zz_twice(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT 2 * x $$;

            """)
        try folder.write("definitions/mart/zz_four.sql", "CREATE OR REPLACE VIEW mart.zz_four AS SELECT runs.zz_twice(2) AS four;\n")
        let connection = try db.connect()
        try Self.migrator(connection, folder).migrate()
        try folder.write("definitions/runs/zz_twice.sql", """
            CREATE OR REPLACE FUNCTION runs.zz_twice(x numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT 2 * x $$;

            """)
        let outcome = try Self.migrator(connection, folder).run()
        #expect(outcome.definitions.map(\.qualifiedName) == ["runs.zz_twice", "mart.zz_four"])
        #expect(try connection.execute("""
            SELECT string_agg(p.oid::regprocedure::text, ',') FROM pg_proc p
            WHERE p.pronamespace = 'runs'::regnamespace AND p.proname = 'zz_twice'
            """).scalar() == "runs.zz_twice(numeric)")
        #expect(try connection.execute("SELECT four FROM mart.zz_four").scalar() == "4")
    }

    @Test("definitions in a cycle, or a file not named after its object, are refused")
    func badDefinitions() throws {
        let folder = try Self.sqlCopy()
        try folder.write("definitions/mart/zz_one.sql", "CREATE OR REPLACE VIEW mart.zz_one AS SELECT * FROM mart.zz_two;\n")
        try folder.write("definitions/mart/zz_two.sql", "CREATE OR REPLACE VIEW mart.zz_two AS SELECT * FROM mart.zz_one;\n")
        let db = try TestDatabase.empty()
        #expect {
            try Self.migrator(try db.connect(), folder)
        } throws: { error in
            (error as? DatabaseError)?.message == "definitions depend on each other in a cycle: mart.zz_one, mart.zz_two"
        }
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("definitions/mart/zz_two.sql"))
        try folder.write("definitions/mart/zz_one.sql", "CREATE OR REPLACE VIEW mart.zz_other AS SELECT 1 AS a;\n")
        #expect {
            try Self.migrator(try db.connect(), folder)
        } throws: { error in
            (error as? DatabaseError)?.message == "definition mart/zz_one.sql creates mart.zz_other: a definition's file is named after its object"
        }
        try folder.write("definitions/mart/zz_one.sql", "CREATE VIEW mart.zz_one AS SELECT 1 AS a;\n")
        #expect {
            try Self.migrator(try db.connect(), folder)
        } throws: { error in
            (error as? DatabaseError)?.message.contains("write CREATE OR REPLACE") == true
        }
    }
}
