import ArgumentParser
import Foundation
import MujunDatabase

/// `mujun migrate`: applies the SQL migrations shipped with this binary.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending SQL migrations, each once, then the definitions (views, functions) that changed.",
        discussion: """
            Refuses (exit 1) when a migration already applied has changed since. Definitions are re-applied, with what \
            depends on them, whenever their file changes. On a Citus coordinator, --distribute then applies sql/citus/: \
            enterprise-keyed tables sharded by uscc, power history by account, small tables copied to every node \
            (deploy/citus/README.md); exit 69 on a server without Citus. Applying it again changes nothing.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Folder of NNNN_name.sql files (default: the ones built into mujun).")
    var migrations: String?

    @Option(help: "Folder of <schema>/<name>.sql definitions (default: the one beside --migrations, else the ones built into mujun).")
    var definitions: String?

    @Flag(help: "Then distribute the tables over the Citus cluster (sql/citus/): on a Citus coordinator only.")
    var distribute = false

    @Flag(help: "Print a JSON summary on stdout.")
    var json = false

    func run() throws {
        try ExitStatus.run {
            let connection = try database.connect("migrate")
            let directory = migrations.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? Migrator.bundledDirectory
            let migrator = try Migrator(connection: connection, directory: directory,
                                        definitionsDirectory: definitions.map { URL(fileURLWithPath: $0, isDirectory: true) })
            let outcome = try migrator.run()
            let applied = outcome.migrations
            let total = try migrator.applied().count
            let distribution = try distribute ? Distributor(migrator: migrator).run() : nil
            if json {
                var summary: [String: Any] = ["applied": applied.map(\.fileName), "total_applied": total,
                                              "definitions_applied": outcome.definitions.map(\.fileName)]
                if let distribution {
                    summary["citus"] = ["version": distribution.citusVersion, "workers": distribution.workers,
                                        "tables": distribution.placements.map {
                                            ["table": $0.table, "kind": $0.kind, "column": $0.column ?? NSNull()] as [String: Any]
                                        }] as [String: Any]
                }
                let data = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys])
                print(String(decoding: data, as: UTF8.self))
            }
            ExitStatus.printError(applied.isEmpty
                ? "mujun migrate: up to date (\(total) migrations applied) on \(connection.endpoint)"
                : "mujun migrate: applied \(applied.map(\.fileName).joined(separator: ", ")) on \(connection.endpoint)")
            if !outcome.definitions.isEmpty {
                ExitStatus.printError("mujun migrate: \(outcome.definitions.count) definitions applied: "
                                      + outcome.definitions.map(\.qualifiedName).joined(separator: ", "))
            }
            if let distribution {
                let distributed = distribution.placements.filter { $0.kind == "distributed" }
                let reference = distribution.placements.filter { $0.kind == "reference" }
                ExitStatus.printError("mujun migrate: Citus \(distribution.citusVersion), \(distribution.workers.count) workers "
                                      + "(\(distribution.workers.joined(separator: ", "))): \(distributed.count) distributed tables ("
                                      + distributed.map { "\($0.table) by \($0.column ?? "?")" }.joined(separator: ", ")
                                      + "), \(reference.count) reference tables")
            }
        }
    }
}
