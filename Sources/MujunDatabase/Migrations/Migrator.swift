import Foundation
import Logging
import MujunResources

/// Applies `sql/migrations/` in order, each once, each in its own transaction, and records
/// each with its checksum (spec jobs.md, `mujun migrate`).
///
/// The record table lives in `public` rather than in a Mujun schema because it must exist
/// before the first migration creates the roles that own those schemas.
public struct Migrator {
    public struct Applied: Sendable, Equatable {
        public let version: Int
        public let name: String
        public let checksum: String
        public let appliedAt: String
    }

    public let connection: Connection
    public let migrations: [Migration]
    let logger: Logger

    public static var bundledDirectory: URL {
        MujunResources.sqlDirectory.appendingPathComponent("migrations", isDirectory: true)
    }

    public init(connection: Connection, directory: URL = Migrator.bundledDirectory,
                logger: Logger = Logger(label: "mujun.migrate")) throws {
        self.connection = connection
        self.migrations = try Migration.load(from: directory)
        self.logger = logger
    }

    static let createRecordTable = """
        CREATE TABLE IF NOT EXISTS public.mujun_schema_migrations (
            version     integer PRIMARY KEY,
            name        text NOT NULL,
            checksum    text NOT NULL,
            applied_at  timestamptz NOT NULL,
            applied_by  text NOT NULL
        )
        """

    /// Migrations recorded as applied, oldest first (empty before the first `migrate`).
    public func applied() throws -> [Applied] {
        let exists = try connection.execute(
            "SELECT to_regclass('public.mujun_schema_migrations') IS NOT NULL").scalar()
        guard exists == "t" else { return [] }
        let result = try connection.execute("""
            SELECT version, name, checksum,
                   to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS applied_at
            FROM public.mujun_schema_migrations ORDER BY version
            """)
        return try (0..<result.rowCount).map { r in
            Applied(version: try result.int(r, "version") ?? 0, name: try result.string(r, "name") ?? "",
                    checksum: try result.string(r, "checksum") ?? "", appliedAt: try result.string(r, "applied_at") ?? "")
        }
    }

    /// Refuses when an applied migration's file changed or disappeared: the database would no
    /// longer match what the files say it is.
    public func verify(_ applied: [Applied]) throws {
        let byVersion = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        for record in applied {
            guard let file = byVersion[record.version] else {
                throw DatabaseError(.migrationMismatch, message:
                    "migration \(String(format: "%04d", record.version))_\(record.name) was applied but its file is missing; "
                    + "this mujun is older than the database")
            }
            guard file.checksum == record.checksum else {
                throw DatabaseError(.migrationMismatch, message:
                    "migration \(file.fileName) changed after it was applied (checksum \(record.checksum.prefix(12))… "
                    + "recorded, \(file.checksum.prefix(12))… now); write a new migration instead of editing an applied one")
            }
        }
    }

    /// Applies every pending migration and returns the ones it applied.
    @discardableResult
    public func migrate() throws -> [Migration] {
        try connection.withLock(.migrate) {
            try connection.execute(Migrator.createRecordTable)
            let done = try applied()
            try verify(done)
            let appliedVersions = Set(done.map(\.version))
            var newlyApplied: [Migration] = []
            for migration in migrations where !appliedVersions.contains(migration.version) {
                logger.info("applying migration \(migration.fileName)")
                try connection.transaction { tx in
                    try tx.execute("""
                        INSERT INTO public.mujun_schema_migrations (version, name, checksum, applied_at, applied_by)
                        VALUES ($1, $2, $3, clock_timestamp(), session_user)
                        """, [migration.version, migration.name, migration.checksum])
                    if !migration.runsAsLogin { try tx.execute("SET LOCAL ROLE mujun_owner") }
                    do {
                        try tx.executeScript(migration.sql)
                    } catch var error as DatabaseError {
                        error.message = "migration \(migration.fileName) failed: \(error.message)"
                        throw error
                    }
                }
                newlyApplied.append(migration)
            }
            return newlyApplied
        }
    }
}
