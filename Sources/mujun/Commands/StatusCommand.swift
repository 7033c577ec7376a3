import ArgumentParser
import Foundation
import MujunDatabase

/// `mujun status`: what the pipeline knows about itself. For now: the database reached, its
/// version, and the migrations applied and pending.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the database reached, its version, migrations and recent batches.")

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Print a JSON summary on stdout.")
    var json = false

    func run() throws {
        try ExitStatus.run {
            let connection = try database.connect("status")
            let migrator = try Migrator(connection: connection)
            let applied = try migrator.applied()
            let appliedVersions = Set(applied.map(\.version))
            let pending = migrator.migrations.filter { !appliedVersions.contains($0.version) }
            if json {
                let summary: [String: Any] = [
                    "database": connection.endpoint,
                    "server_version": connection.serverVersion,
                    "migrations_applied": applied.map { ["version": $0.version, "name": $0.name, "applied_at": $0.appliedAt] },
                    "migrations_pending": pending.map(\.fileName),
                ]
                let data = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys, .prettyPrinted])
                print(String(decoding: data, as: UTF8.self))
                return
            }
            print("database:  \(connection.endpoint)")
            print("server:    PostgreSQL \(connection.serverVersion)")
            print("migrations: \(applied.count) applied, \(pending.count) pending")
            for m in applied { print("  applied  \(String(format: "%04d", m.version))_\(m.name)  \(m.appliedAt)") }
            for m in pending { print("  pending  \(m.fileName)") }
        }
    }
}
