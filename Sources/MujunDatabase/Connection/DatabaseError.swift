import CLibPQ

/// The one error type of the database layer.
///
/// Modelled on postgres-nio's `PSQLError`: a small closed set of codes that callers switch on,
/// plus the server's own fields carried intact, each in its own property (SQLSTATE, message,
/// detail, hint, position, the constraint, table and column concerned…), and, when the
/// statement came from one of Mujun's SQL files, which file, which line and which statement.
/// Nothing is spliced into `message`: that stays the server's primary message, and
/// `description` renders the rest for humans.
/// It never carries a password: connection failures name host, port, database and user only.
public struct DatabaseError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The server could not be reached or refused the login (exit 69).
        case connectionFailed = "connection_failed"
        /// A connection string was unusable (bad syntax, or it carried a password).
        case badConnectionString = "bad_connection_string"
        /// The server rejected a statement; see `sqlState`.
        case serverError = "server_error"
        /// A COPY could not be started, fed or finished.
        case copyFailed = "copy_failed"
        /// The connection broke mid-conversation (a transient error: retry may help).
        case connectionLost = "connection_lost"
        /// A result did not have the expected shape (a bug or a schema mismatch).
        case unexpectedResult = "unexpected_result"
        /// An advisory lock is held by another session (exit 75).
        case lockHeld = "lock_held"
        /// A migration file changed after it was applied, or an applied one is missing.
        case migrationMismatch = "migration_mismatch"
        /// `migrate --distribute` on a server without the Citus extension (exit 69).
        case citusMissing = "citus_missing"
    }

    public var code: Code
    /// Five-character SQLSTATE from the server (e.g. `23505`), when the server sent one.
    public var sqlState: String?
    /// The server's primary message (or the client's, for errors the server never saw).
    public var message: String
    /// `ERROR`, `FATAL` or `PANIC`, untranslated.
    public var severity: String?
    public var detail: String?
    public var hint: String?
    /// 1-based position, in characters, of the error in `statement` (syntax errors, unknown
    /// columns…).
    public var position: Int?
    /// The same for an internally generated query (a PL/pgSQL expression), with that query.
    public var internalPosition: Int?
    public var internalQuery: String?
    /// The call stack of functions and PL/pgSQL lines the error happened in (`CONTEXT:`).
    public var context: String?
    /// The object concerned, when the error is about one (constraint violations, bad values).
    public var schema: String?
    public var table: String?
    public var column: String?
    public var dataType: String?
    public var constraint: String?
    /// The failing statement, in full, as it was sent.
    public var statement: String?
    /// The SQL file the statement came from (`sql/land/02_idle.sql`), when it came from one.
    public var scriptFile: String?
    /// The line of `scriptFile` where `statement` starts.
    public var scriptLine: Int?

    public init(_ code: Code, message: String, sqlState: String? = nil, detail: String? = nil,
                hint: String? = nil, statement: String? = nil) {
        self.code = code
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.statement = statement
    }

    /// Transient failures that a job may retry (spec jobs.md): connection lost, serialization
    /// failure (40001), deadlock (40P01), and the server shutting down or not yet up (57P01–03).
    public var isTransient: Bool {
        if code == .connectionLost { return true }
        guard let s = sqlState else { return false }
        return ["40001", "40P01", "57P01", "57P02", "57P03", "08000", "08003", "08006"].contains(s)
    }

    /// The line of `scriptFile` the error points at: the server's position mapped back into the
    /// file when it sent one, else the line where the statement starts.
    public var errorLine: Int? {
        guard let scriptLine else { return nil }
        guard let position, let statement else { return scriptLine }
        let before = statement.unicodeScalars.prefix(max(position - 1, 0))
        return scriptLine + before.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
    }

    public var description: String {
        var text = message
        if let scriptFile { text = "\(scriptFile):\(errorLine.map(String.init) ?? "?"): \(text)" }
        if let sqlState { text += " (SQLSTATE \(sqlState))" }
        if let detail, !detail.isEmpty { text += "\nDETAIL: \(detail)" }
        if let hint, !hint.isEmpty { text += "\nHINT: \(hint)" }
        if let context, !context.isEmpty { text += "\nCONTEXT: \(context)" }
        let object = [("schema", schema), ("table", table), ("column", column), ("type", dataType),
                      ("constraint", constraint)]
            .compactMap { name, value in value.map { "\(name) \($0)" } }
        if !object.isEmpty { text += "\nOBJECT: " + object.joined(separator: ", ") }
        // The statement is worth showing when it came from a file: that is the one a reader
        // cannot otherwise find. A query built in Swift is found from the error's call site.
        if let statement, scriptFile != nil {
            let lines = statement.split(separator: "\n", omittingEmptySubsequences: false)
            let shown = lines.prefix(DatabaseError.statementLinesShown)
            text += "\nSTATEMENT (line \(scriptLine ?? 0)):\n" + shown.map { "    " + $0 }.joined(separator: "\n")
            if lines.count > shown.count { text += "\n    … (\(lines.count - shown.count) more lines)" }
        }
        return text
    }

    static let statementLinesShown = 40

    /// Builds an error from a failed libpq result, reading the server's diagnostic fields.
    static func from(result: OpaquePointer?, connection: OpaquePointer?, statement: String?) -> DatabaseError {
        // The PG_DIAG_* field codes of postgres_ext.h: one ASCII letter each.
        func field(_ code: Character) -> String? {
            guard let result, let ascii = code.asciiValue, let p = PQresultErrorField(result, Int32(ascii)) else {
                return nil
            }
            return String(cString: p)
        }
        let state = field("C")
        var message = field("M")
        if message == nil, let connection, let p = PQerrorMessage(connection) {
            message = String(cString: p).trimmingTrailingNewlines()
        }
        let lost = connection.map { PQstatus($0) == CONNECTION_BAD } ?? true
        var error = DatabaseError(state == nil && lost ? .connectionLost : .serverError,
                                  message: message ?? "unknown database error",
                                  sqlState: state, detail: field("D"), hint: field("H"), statement: statement)
        let texts: [(Character, WritableKeyPath<DatabaseError, String?>)] = [
            ("V", \.severity), ("q", \.internalQuery), ("W", \.context), ("s", \.schema), ("t", \.table),
            ("c", \.column), ("d", \.dataType), ("n", \.constraint),
        ]
        for (code, property) in texts { error[keyPath: property] = field(code) }
        error.position = field("P").flatMap { Int($0) }
        error.internalPosition = field("p").flatMap { Int($0) }
        return error
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = Substring(self)
        while let last = s.last, last == "\n" || last == "\r" || last == " " { s = s.dropLast() }
        return String(s)
    }
}
