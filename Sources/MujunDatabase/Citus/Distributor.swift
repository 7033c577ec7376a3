import Foundation
import Logging
import MujunResources

/// The distribution step of `mujun migrate --distribute` (docs/architecture.md, "Citus"):
/// applies `sql/citus/` on a Citus coordinator after the migrations, in one transaction, so
/// that the enterprise-keyed tables are sharded by uscc, the account-keyed power history by
/// account number, and the small tables copied to every node.
///
/// Citus converts a table that views depend on by dropping and re-making those views itself,
/// and the views it makes lose their grants. So the definitions (views and functions of
/// `sql/definitions/`) are dropped in the distribution's transaction and made again right
/// after it by the migrator, as mujun_owner: with its default privileges, recorded with their
/// checksums as ever. Between the two the mart has no views: run it when analysts can wait.
/// Applying it again changes nothing (each file leaves a table that is already as it says).
public struct Distributor {
    /// How one table is placed.
    public struct Placement: Sendable, Equatable {
        public let table: String
        /// `distributed` or `reference`.
        public let kind: String
        /// The distribution column (nil for a reference table).
        public let column: String?
    }

    /// What one run found and did.
    public struct Outcome: Sendable {
        public let citusVersion: String
        public let workers: [String]
        public let placements: [Placement]
    }

    public static var bundledDirectory: URL {
        MujunResources.sqlDirectory.appendingPathComponent("citus", isDirectory: true)
    }

    public let migrator: Migrator
    public let directory: URL
    let logger: Logger

    public init(migrator: Migrator, directory: URL = Distributor.bundledDirectory,
                logger: Logger = Logger(label: "mujun.distribute")) {
        self.migrator = migrator
        self.directory = directory
        self.logger = logger
    }

    public func run() throws -> Outcome {
        let connection = migrator.connection
        guard let version = try CitusCluster.version(connection) else {
            throw DatabaseError(.citusMissing, message:
                "\(connection.endpoint) has no Citus extension: --distribute is for a Citus coordinator "
                + "(CREATE EXTENSION citus, then add the workers: deploy/citus/README.md); on plain PostgreSQL, "
                + "mujun migrate alone is all there is to do")
        }
        let workers = try CitusCluster.workers(connection)
        if workers.isEmpty {
            logger.warning("no worker is registered: the shards stay on the coordinator until workers are added and rebalanced")
        }
        let scripts = try SQLScript.folder(directory, displayedAs: "sql/citus")
        try connection.withLock(.migrate) {
            let pending = try migrator.pending()
            guard pending.isEmpty else {
                throw DatabaseError(.migrationMismatch, message:
                    "migrations pending (\(pending.map(\.fileName).joined(separator: ", "))): run mujun migrate first")
            }
            try connection.transaction { tx in
                try migrator.dropDefinitions(tx)
                try SQLRunner(scripts, logger: logger).run(in: tx)
            }
        }
        // A transaction of its own: Citus makes the workers' copies of the new tables over the
        // login's connections, which a statement run as mujun_owner (another connection) does
        // not see before they commit. Should this one fail, the next `mujun migrate` makes the
        // missing definitions, as it always does.
        _ = try migrator.run()
        return Outcome(citusVersion: version, workers: workers, placements: try Distributor.placements(connection))
    }

    /// Every Mujun table Citus knows, in schema and name order.
    public static func placements(_ connection: Connection) throws -> [Placement] {
        let result = try connection.execute("""
            SELECT logicalrelid::regclass::text,
                   CASE WHEN partmethod = 'h' THEN 'distributed' WHEN repmodel = 't' THEN 'reference' ELSE 'local' END,
                   column_to_column_name(logicalrelid, partkey)
            FROM pg_dist_partition p JOIN pg_class c ON c.oid = p.logicalrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname IN ('core', 'runs', 'staging', 'mart') AND NOT c.relispartition
            ORDER BY 1
            """)
        return (0..<result.rowCount).map {
            Placement(table: result.string($0, 0) ?? "", kind: result.string($0, 1) ?? "", column: result.string($0, 2))
        }
    }
}
