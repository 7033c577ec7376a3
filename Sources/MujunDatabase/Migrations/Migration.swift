import Foundation
import MujunCore

/// One file of `sql/migrations/`, named `NNNN_name.sql`: tables, indexes, sequences, roles and
/// grants, append-only. Views and functions are `Definition`s.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String
    /// SHA-256 of the file's bytes, hex: an applied migration whose file changes is refused.
    public let checksum: String
    /// A file whose first line is `-- mujun: run as login` runs as the connecting login
    /// instead of `mujun_owner`: only the role bootstrap needs that (spec details.md #75).
    public let runsAsLogin: Bool
    /// Checksums this file had when it shipped, from `-- mujun: shipped with checksum <hex>`
    /// lines: a migration edited on purpose (at the definitions handover, its views and
    /// functions moved to `sql/definitions/`) is accepted on a database that applied the shipped
    /// text, and its record then takes the new checksum. Any other edit is still refused.
    public let shippedChecksums: [String]
    /// Definitions this migration uses (a function in a table's default or check), from a
    /// `-- mujun: needs core.name, …` line: `migrate` applies them, if changed or missing, before
    /// the migration runs instead of after every migration.
    public let needs: [String]

    public var fileName: String { String(format: "%04d_%@.sql", version, name) }

    /// The file as the runner names it in errors: `sql/migrations/0001_core.sql`.
    public var script: SQLScript { SQLScript(name: "sql/migrations/\(fileName)", sql: sql) }

    public init(version: Int, name: String, data: Data) throws {
        self.version = version
        self.name = name
        guard let text = String(data: data, encoding: .utf8) else {
            throw DatabaseError(.migrationMismatch, message: "migration \(version)_\(name) is not UTF-8 text")
        }
        sql = text
        checksum = sha256Hex(data)
        runsAsLogin = text.split(separator: "\n", maxSplits: 1).first?
            .trimmingCharacters(in: .whitespaces) == "-- mujun: run as login"
        let marker = "-- mujun: shipped with checksum "
        shippedChecksums = text.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix(marker) else { return nil }
            let hex = line.dropFirst(marker.count).trimmingCharacters(in: .whitespaces)
            return hex.count == 64 && hex.allSatisfy(\.isHexDigit) ? hex.lowercased() : nil
        }
        let needsMarker = "-- mujun: needs "
        needs = text.split(separator: "\n").filter { $0.hasPrefix(needsMarker) }.flatMap { line in
            line.dropFirst(needsMarker.count).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        }.filter { !$0.isEmpty }
    }

    /// Reads every `NNNN_name.sql` in `directory`, in version order; refuses two files with one
    /// version number.
    public static func load(from directory: URL) throws -> [Migration] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        var migrations: [Migration] = []
        for file in names where file.hasSuffix(".sql") {
            let stem = file.dropLast(4)
            guard let underscore = stem.firstIndex(of: "_"),
                  let version = Int(stem[..<underscore]) else {
                throw DatabaseError(.migrationMismatch,
                                    message: "\(directory.path)/\(file): migration files are named NNNN_name.sql")
            }
            let data = try Data(contentsOf: directory.appendingPathComponent(file))
            migrations.append(try Migration(version: version, name: String(stem[stem.index(after: underscore)...]),
                                            data: data))
        }
        migrations.sort { $0.version < $1.version }
        for (a, b) in zip(migrations, migrations.dropFirst()) where a.version == b.version {
            throw DatabaseError(.migrationMismatch,
                                message: "two migrations share version \(a.version): \(a.fileName) and \(b.fileName)")
        }
        return migrations
    }
}
