import Foundation
import Logging
import MujunResources

/// Applies `sql/migrations/` in order, each once, each in its own transaction, and records
/// each with its checksum (spec jobs.md, `mujun migrate`); then applies the definitions of
/// `sql/definitions/` that changed or are missing, with every definition that names them, in
/// dependency order, in the transaction of the last migration applied (or one of their own when
/// no migration is pending), and records each with its checksum (docs/architecture.md,
/// "Migrations and definitions").
///
/// The record tables live in `public` rather than in a Mujun schema because they must exist
/// before the first migration creates the roles that own those schemas.
public struct Migrator {
    public struct Applied: Sendable, Equatable {
        public let version: Int
        public let name: String
        public let checksum: String
        public let appliedAt: String
    }

    /// What one `migrate` did.
    public struct Outcome: Sendable {
        public let migrations: [Migration]
        public let definitions: [Definition]
    }

    public let connection: Connection
    public let migrations: [Migration]
    /// In dependency order.
    public let definitions: [Definition]
    let logger: Logger

    public static var bundledDirectory: URL {
        MujunResources.sqlDirectory.appendingPathComponent("migrations", isDirectory: true)
    }

    public static var bundledDefinitionsDirectory: URL {
        MujunResources.sqlDirectory.appendingPathComponent("definitions", isDirectory: true)
    }

    /// `definitionsDirectory` defaults to the `definitions` folder beside `directory` when there is
    /// one (a checkout's `sql/`), else to the definitions built into mujun.
    public init(connection: Connection, directory: URL = Migrator.bundledDirectory,
                definitionsDirectory: URL? = nil,
                logger: Logger = Logger(label: "mujun.migrate")) throws {
        self.connection = connection
        self.migrations = try Migration.load(from: directory)
        let sibling = directory.deletingLastPathComponent().appendingPathComponent("definitions", isDirectory: true)
        let folder = definitionsDirectory
            ?? (FileManager.default.fileExists(atPath: sibling.path) ? sibling : Migrator.bundledDefinitionsDirectory)
        self.definitions = try Definition.load(from: folder)
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

    static let createDefinitionRecordTable = """
        CREATE TABLE IF NOT EXISTS public.mujun_schema_definitions (
            name        text PRIMARY KEY,
            kind        text NOT NULL CHECK (kind IN ('view', 'function')),
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

    /// Definitions recorded as applied: qualified name → (kind, checksum).
    public func appliedDefinitions() throws -> [String: (kind: String, checksum: String)] {
        let exists = try connection.execute(
            "SELECT to_regclass('public.mujun_schema_definitions') IS NOT NULL").scalar()
        guard exists == "t" else { return [:] }
        let result = try asLogin { try connection.execute("SELECT name, kind, checksum FROM public.mujun_schema_definitions") }
        var records: [String: (kind: String, checksum: String)] = [:]
        for r in 0..<result.rowCount {
            records[try result.string(r, "name") ?? ""] = (try result.string(r, "kind") ?? "", try result.string(r, "checksum") ?? "")
        }
        return records
    }

    /// A migration whose recorded checksum is one its file says it shipped with: accepted, and
    /// its record is brought up to the file's checksum.
    struct AcceptedEdit {
        let migration: Migration
        let recorded: String
    }

    /// Refuses when an applied migration's file changed or disappeared: the database would no
    /// longer match what the files say it is. A file edited on purpose carries the checksum it
    /// shipped with (`Migration.shippedChecksums`); those edits are returned.
    @discardableResult
    public func verify(_ applied: [Applied]) throws -> [Migration] {
        try acceptedEdits(applied).map(\.migration)
    }

    func acceptedEdits(_ applied: [Applied]) throws -> [AcceptedEdit] {
        let byVersion = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        var accepted: [AcceptedEdit] = []
        for record in applied {
            guard let file = byVersion[record.version] else {
                throw DatabaseError(.migrationMismatch, message:
                    "migration \(String(format: "%04d", record.version))_\(record.name) was applied but its file is missing; "
                    + "this mujun is older than the database")
            }
            if file.checksum == record.checksum { continue }
            guard file.shippedChecksums.contains(record.checksum) else {
                throw DatabaseError(.migrationMismatch, message:
                    "migration \(file.fileName) changed after it was applied (checksum \(record.checksum.prefix(12))… "
                    + "recorded, \(file.checksum.prefix(12))… now); write a new migration instead of editing an applied one")
            }
            accepted.append(AcceptedEdit(migration: file, recorded: record.checksum))
        }
        return accepted
    }

    /// Applies every pending migration and every changed or missing definition, and returns the
    /// migrations it applied.
    @discardableResult
    public func migrate() throws -> [Migration] {
        try run().migrations
    }

    /// Like `migrate()`, and says which definitions were applied too.
    public func run() throws -> Outcome {
        try connection.withLock(.migrate) {
            // On Citus, mujun_owner must be able to log in to the workers (CitusCluster).
            if try CitusCluster.prepareOwner(connection) {
                logger.info("Citus: mujun_owner may now log in (Citus connects to the workers as the current role)")
            }
            try connection.execute(Migrator.createRecordTable)
            try connection.execute(Migrator.createDefinitionRecordTable)
            let done = try applied()
            let edits = try acceptedEdits(done)
            let appliedVersions = Set(done.map(\.version))
            let pending = migrations.filter { !appliedVersions.contains($0.version) }
            var newlyApplied: [Migration] = []
            var definitionsApplied: [Definition] = []

            // The definitions, the accepted edits' records, and (on a database made before the
            // handover) the handover migration that drops the old objects: one transaction.
            func finish(_ tx: Connection) throws {
                try tx.execute("SET LOCAL ROLE mujun_owner")
                for edit in edits {
                    logger.info("migration \(edit.migration.fileName) was edited at a handover: recording its new checksum")
                    try asLogin {
                        try tx.execute("""
                            UPDATE public.mujun_schema_migrations SET checksum = $1 WHERE version = $2 AND checksum = $3
                            """, [edit.migration.checksum, edit.migration.version, edit.recorded])
                    }
                }
                definitionsApplied += try applyDefinitions(try staleDefinitions(), tx)
            }

            if pending.isEmpty {
                let stale = try staleDefinitions()
                if !stale.isEmpty || !edits.isEmpty {
                    try connection.transaction { tx in try finish(tx) }
                }
            }
            for (index, migration) in pending.enumerated() {
                logger.info("applying migration \(migration.fileName)")
                try connection.transaction { tx in
                    try tx.execute("""
                        INSERT INTO public.mujun_schema_migrations (version, name, checksum, applied_at, applied_by)
                        VALUES ($1, $2, $3, clock_timestamp(), session_user)
                        """, [migration.version, migration.name, migration.checksum])
                    if !migration.runsAsLogin {
                        try tx.execute("SET LOCAL ROLE mujun_owner")
                        definitionsApplied += try applyDefinitions(try neededDefinitions(migration), tx)
                    }
                    // Its role is set above (or not, for a login migration), so the runner sets none;
                    // a failure names sql/migrations/FILE, the line and the statement.
                    try SQLRunner([migration.script], logger: logger).run(in: tx)
                    if index == pending.count - 1 { try finish(tx) }
                }
                // 0001_roles.sql has just made mujun_owner, which the next migration runs as.
                if migration.runsAsLogin, try CitusCluster.prepareOwner(connection) {
                    logger.info("Citus: mujun_owner may now log in (Citus connects to the workers as the current role)")
                }
                newlyApplied.append(migration)
            }
            return Outcome(migrations: newlyApplied, definitions: definitionsApplied)
        }
    }

    /// The definitions to apply, in dependency order: those never applied, changed since they
    /// were, or whose object is missing (a migration may drop a view to change its table), and
    /// every definition that names one of those, since replacing an object may have to drop
    /// what is built on it. A recorded definition whose file is gone is refused while its
    /// object exists (a migration drops it), and forgotten once it does not.
    func staleDefinitions() throws -> [Definition] {
        let records = try appliedDefinitions()
        let names = Set(definitions.map(\.qualifiedName))
        for (name, record) in records where !names.contains(name) {
            let exists: Bool
            if record.kind == "view" {
                exists = try connection.execute("SELECT to_regclass($1) IS NOT NULL", [name]).scalar() == "t"
            } else {
                let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
                exists = try connection.execute("""
                    SELECT EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                                   WHERE n.nspname = $1 AND p.proname = $2)
                    """, [parts.first ?? "", parts.last ?? ""]).scalar() == "t"
            }
            guard !exists else {
                throw DatabaseError(.migrationMismatch, message:
                    "definition \(name) was applied but its file is missing and the \(record.kind) still exists; "
                    + "drop it in a migration, or this mujun is older than the database")
            }
            try asLogin { try connection.execute("DELETE FROM public.mujun_schema_definitions WHERE name = $1", [name]) }
        }
        var stale = Set<String>()
        for definition in definitions {
            let changed = records[definition.qualifiedName]?.checksum != definition.checksum
            let missing = try connection.execute(definition.existsQuery).scalar() != "t"
            // In dependency order, so a dependency's staleness is known when its dependents come.
            if changed || missing || definition.dependencies.contains(where: stale.contains) {
                stale.insert(definition.qualifiedName)
            }
        }
        return definitions.filter { stale.contains($0.qualifiedName) }
    }

    /// What `migration` says it needs (`-- mujun: needs …`), with what those name in turn, where
    /// changed or missing.
    func neededDefinitions(_ migration: Migration) throws -> [Definition] {
        guard !migration.needs.isEmpty else { return [] }
        let byName = Dictionary(uniqueKeysWithValues: definitions.map { ($0.qualifiedName, $0) })
        var wanted = Set<String>()
        var queue = migration.needs
        while let name = queue.popLast() {
            guard let definition = byName[name] else {
                throw DatabaseError(.migrationMismatch, message:
                    "migration \(migration.fileName) needs \(name), which no file of sql/definitions/ defines")
            }
            if wanted.insert(name).inserted { queue += definition.dependencies }
        }
        let stale = Set(try staleDefinitions().map(\.qualifiedName))
        return definitions.filter { wanted.contains($0.qualifiedName) && stale.contains($0.qualifiedName) }
    }

    /// Applies `stale` (in dependency order) on `tx` and records each. `CREATE OR REPLACE` first,
    /// which keeps the object, its grants and what depends on it; when PostgreSQL refuses that (a
    /// view that loses or renames a column, a function whose result changes), the object is
    /// dropped with everything built on it, and made again: its dependents are stale too and
    /// come later in the order. A savepoint undoes the refused attempt.
    func applyDefinitions(_ stale: [Definition], _ tx: Connection) throws -> [Definition] {
        let staleNames = Set(stale.map(\.qualifiedName))
        for definition in stale {
            logger.info("applying definition \(definition.fileName)")
            try tx.execute("SAVEPOINT mujun_definition")
            do {
                let overloads = try overloadCount(definition, tx)
                try tx.run(definition.script)
                // A function whose arguments changed is not replaced but added beside the old
                // one; a file defines one function, so that counts as refused too.
                if overloads > 0, try overloadCount(definition, tx) > overloads {
                    throw DatabaseError(.migrationMismatch, message: "\(definition.qualifiedName): arguments changed")
                }
                try tx.execute("RELEASE SAVEPOINT mujun_definition")
            } catch is DatabaseError {
                try tx.execute("ROLLBACK TO SAVEPOINT mujun_definition")
                try tx.execute("RELEASE SAVEPOINT mujun_definition")
                let dependents = transitiveDependents(of: definition.qualifiedName).filter { staleNames.contains($0.qualifiedName) }
                for dependent in dependents.reversed() { try tx.executeScript(dependent.dropStatement) }
                try tx.executeScript(definition.dropStatement)
                try tx.run(definition.script)
            }
            try asLogin { try tx.execute("""
                INSERT INTO public.mujun_schema_definitions (name, kind, checksum, applied_at, applied_by)
                VALUES ($1, $2, $3, clock_timestamp(), session_user)
                ON CONFLICT (name) DO UPDATE
                SET kind = EXCLUDED.kind, checksum = EXCLUDED.checksum, applied_at = EXCLUDED.applied_at,
                    applied_by = EXCLUDED.applied_by
                """, [definition.qualifiedName, definition.kind.rawValue, definition.checksum]) }
        }
        return stale
    }

    /// How many functions of the definition's name exist (0 for a view).
    func overloadCount(_ definition: Definition, _ tx: Connection) throws -> Int {
        guard definition.kind == .function else { return 0 }
        return try tx.execute("""
            SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = $1 AND p.proname = $2
            """, [definition.schema, definition.name]).scalarInt()
    }

    /// Runs `body` as the login: the record tables belong to it (they exist before the roles
    /// do), not to mujun_owner, whose role the definitions are applied under.
    @discardableResult
    func asLogin<T>(_ body: () throws -> T) throws -> T {
        let switched = try connection.execute("SELECT current_user <> session_user").scalar() == "t"
        if switched { try connection.execute("RESET ROLE") }
        let value = try body()
        if switched { try connection.execute("SET LOCAL ROLE mujun_owner") }
        return value
    }

    /// Every definition that names `name`, directly or through another, in dependency order.
    func transitiveDependents(of name: String) -> [Definition] {
        var found: Set<String> = [name]
        for definition in definitions where definition.dependencies.contains(where: found.contains) {
            found.insert(definition.qualifiedName)
        }
        found.remove(name)
        return definitions.filter { found.contains($0.qualifiedName) }
    }
}
