import Foundation
import MujunDatabase
import Synchronization

/// A real PostgreSQL database for one test, created in the cluster that the test command
/// (`deploy/local/test.sh`) started, and dropped when the handle is released.
///
/// Migrated databases are cloned from a template migrated once per test process, so each test
/// starts from the schema in a few milliseconds and tests can run in parallel.
public final class TestDatabase: @unchecked Sendable {
    public let name: String

    /// A libpq connection string for this database (the rest comes from the PG* environment).
    public var connectionString: String { "dbname=\(name)" }

    private static let counter = Atomic<Int>(0)
    private static let templateReady = Mutex<Bool>(false)
    static let templateName = "mujun_test_template_\(ProcessInfo.processInfo.processIdentifier)"

    /// A database with every migration applied.
    public static func migrated() throws -> TestDatabase {
        try ensureTemplate()
        return try TestDatabase(template: templateName)
    }

    /// An empty database (for migration tests).
    public static func empty() throws -> TestDatabase {
        try TestDatabase(template: "template0")
    }

    private init(template: String) throws {
        let n = TestDatabase.counter.add(1, ordering: .relaxed).newValue
        name = "mujun_t\(ProcessInfo.processInfo.processIdentifier)_\(n)"
        let admin = try TestDatabase.admin()
        try admin.execute("CREATE DATABASE \(name) TEMPLATE \(template)")
        if template != "template0" {
            // Database-level privileges are not copied from a template: apply them again.
            let connection = try Connection(try ConnectionString("dbname=\(name)"))
            try connection.execute("SELECT public.mujun_database_privileges()")
        }
    }

    deinit {
        if let admin = try? TestDatabase.admin() {
            _ = try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        }
    }

    /// Opens a new connection to this database.
    public func connect(applicationName: String = "mujun test") throws -> Connection {
        try Connection(try ConnectionString(connectionString), applicationName: applicationName)
    }

    /// Environment for running the `mujun` binary against this database.
    public var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["PGDATABASE"] = name
        return env
    }

    static func admin() throws -> Connection {
        guard ProcessInfo.processInfo.environment["PGHOST"] != nil else {
            throw DatabaseError(.connectionFailed, message:
                "PGHOST is not set: run the tests with deploy/local/test.sh, which starts PostgreSQL")
        }
        return try Connection(try ConnectionString("dbname=postgres"), applicationName: "mujun test admin")
    }

    private static func ensureTemplate() throws {
        try templateReady.withLock { ready in
            guard !ready else { return }
            let admin = try admin()
            try admin.execute("DROP DATABASE IF EXISTS \(templateName) WITH (FORCE)")
            try admin.execute("CREATE DATABASE \(templateName) TEMPLATE template0")
            let connection = try Connection(try ConnectionString("dbname=\(templateName)"))
            try Migrator(connection: connection).migrate()
            ready = true
        }
    }
}
