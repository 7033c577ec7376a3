import Foundation

/// One of Mujun's SQL files, under the name a reader finds it by (`sql/land/02_idle.sql`), and
/// split into its statements so that a failure names the file, the line and the statement.
///
/// Scripts are trusted files shipped with Mujun: they take no parameters by design. A run's
/// values reach them through settings (`current_setting('mujun.run_id')`, see `SQLRunner`).
public struct SQLScript: Sendable, Equatable {
    /// How errors and logs name the file: its path from the package root, e.g. `sql/land/01_scope.sql`.
    public let name: String
    public let sql: String

    public init(name: String, sql: String) {
        self.name = name
        self.sql = sql
    }

    /// The statements in order, split as PostgreSQL reads them (`StatementSplitter`).
    public var statements: [SQLStatement] { StatementSplitter.statements(of: sql) }

    /// Reads the file at `url`, naming it `name`.
    public init(contentsOf url: URL, name: String) throws {
        self.init(name: name, sql: try String(contentsOf: url, encoding: .utf8))
    }

    /// Every `.sql` file of `directory` whose name passes `include`, in name order (the step
    /// numbers at the start of the names give the order), each named `displayedAs/FILE`.
    public static func folder(_ directory: URL, displayedAs prefix: String,
                              where include: (String) -> Bool = { _ in true }) throws -> [SQLScript] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".sql") && include($0) }
            .sorted()
            .map { try SQLScript(contentsOf: directory.appendingPathComponent($0), name: "\(prefix)/\($0)") }
    }

    /// The named files of `directory`, in the order given.
    public static func files(_ names: [String], in directory: URL, displayedAs prefix: String) throws -> [SQLScript] {
        try names.map { try SQLScript(contentsOf: directory.appendingPathComponent($0), name: "\(prefix)/\($0)") }
    }
}
