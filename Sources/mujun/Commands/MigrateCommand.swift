import ArgumentParser
import Foundation
import MujunDatabase

/// `mujun migrate`: applies the SQL migrations shipped with this binary.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply pending SQL migrations, each once, each in its own transaction.",
        discussion: "Refuses (exit 1) when a migration already applied has changed since.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Folder of NNNN_name.sql files (default: the ones built into mujun).")
    var migrations: String?

    @Flag(help: "Print a JSON summary on stdout.")
    var json = false

    func run() throws {
        try ExitStatus.run {
            let connection = try database.connect("migrate")
            let directory = migrations.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? Migrator.bundledDirectory
            let migrator = try Migrator(connection: connection, directory: directory)
            let applied = try migrator.migrate()
            let total = try migrator.applied().count
            if json {
                let summary: [String: Any] = ["applied": applied.map(\.fileName), "total_applied": total]
                let data = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys])
                print(String(decoding: data, as: UTF8.self))
            }
            ExitStatus.printError(applied.isEmpty
                ? "mujun migrate: up to date (\(total) migrations applied) on \(connection.endpoint)"
                : "mujun migrate: applied \(applied.map(\.fileName).joined(separator: ", ")) on \(connection.endpoint)")
        }
    }
}
