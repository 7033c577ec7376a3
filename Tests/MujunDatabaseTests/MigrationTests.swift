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
                && (error as? DatabaseError)?.message.contains("9999_broken.sql") == true
        }
        #expect(try connection.execute("SELECT to_regclass('core.half_done') IS NULL").scalar() == "t")
        #expect(try connection.execute(
            "SELECT count(*) FROM public.mujun_schema_migrations WHERE version = 9999").scalarInt() == 0)
    }
}
