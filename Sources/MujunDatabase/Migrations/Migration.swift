import Foundation
import MujunCore

/// One file of `sql/migrations/`, named `NNNN_name.sql`.
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String
    /// SHA-256 of the file's bytes, hex: an applied migration whose file changes is refused.
    public let checksum: String
    /// A file whose first line is `-- mujun: run as login` runs as the connecting login
    /// instead of `mujun_owner`: only the role bootstrap needs that (spec details.md #75).
    public let runsAsLogin: Bool

    public var fileName: String { String(format: "%04d_%@.sql", version, name) }

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
