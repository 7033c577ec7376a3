import CLibPQ

/// The one error type of the database layer.
///
/// Modelled on postgres-nio's `PSQLError`: a small closed set of codes that callers switch on,
/// plus the server's own fields (SQLSTATE, message, detail, hint) carried intact for humans.
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
    }

    public var code: Code
    /// Five-character SQLSTATE from the server (e.g. `23505`), when the server sent one.
    public var sqlState: String?
    public var message: String
    public var detail: String?
    public var hint: String?
    /// The statement's first line, to say which statement failed without dumping the whole SQL.
    public var statement: String?

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

    public var description: String {
        var text = message
        if let sqlState { text = "\(text) (SQLSTATE \(sqlState))" }
        if let detail, !detail.isEmpty { text += "\nDETAIL: \(detail)" }
        if let hint, !hint.isEmpty { text += "\nHINT: \(hint)" }
        return text
    }

    /// Builds an error from a failed libpq result, reading the server's diagnostic fields.
    static func from(result: OpaquePointer?, connection: OpaquePointer?, statement: String?) -> DatabaseError {
        func field(_ code: Int32) -> String? {
            guard let result, let p = PQresultErrorField(result, code) else { return nil }
            return String(cString: p)
        }
        let state = field(Int32(UInt8(ascii: "C")))
        var message = field(Int32(UInt8(ascii: "M")))
        if message == nil, let connection, let p = PQerrorMessage(connection) {
            message = String(cString: p).trimmingTrailingNewlines()
        }
        let lost = connection.map { PQstatus($0) == CONNECTION_BAD } ?? true
        let firstLine = statement?.split(separator: "\n", omittingEmptySubsequences: true)
            .first.map { String($0.prefix(120)) }
        return DatabaseError(state == nil && lost ? .connectionLost : .serverError,
                             message: message ?? "unknown database error",
                             sqlState: state,
                             detail: field(Int32(UInt8(ascii: "D"))),
                             hint: field(Int32(UInt8(ascii: "H"))),
                             statement: firstLine)
    }
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var s = Substring(self)
        while let last = s.last, last == "\n" || last == "\r" || last == " " { s = s.dropLast() }
        return String(s)
    }
}
