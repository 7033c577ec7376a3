import ArgumentParser
import Foundation
import MujunDatabase

/// `mujun migrate`: applies the SQL migrations shipped with this binary.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending SQL migrations, each once, then the definitions (views, functions) that changed.",
        discussion: "Refuses (exit 1) when a migration already applied has changed since. Definitions are re-applied, with what depends on them, whenever their file changes.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Folder of NNNN_name.sql files (default: the ones built into mujun).")
    var migrations: String?

    @Option(help: "Folder of <schema>/<name>.sql definitions (default: the one beside --migrations, else the ones built into mujun).")
    var definitions: String?

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
            if json {
                let summary: [String: Any] = ["applied": applied.map(\.fileName), "total_applied": total,
                                              "definitions_applied": outcome.definitions.map(\.fileName)]
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
        }
    }
}
