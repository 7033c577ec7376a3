import CLibPQ
import Foundation

/// One libpq connection to PostgreSQL.
///
/// Synchronous by design: the pipeline runs one statement at a time per connection, and the
/// heavy lifting happens in the server. Not `Sendable`: a connection belongs to one task.
public final class Connection {
    let conn: OpaquePointer

    /// Connects with libpq's own conventions: `PG*` environment, pgpass, and an optional
    /// connection string or URI (`--db`).
    ///
    /// - Parameter applicationName: shown in `pg_stat_activity`, so an operator (and the lock
    ///   holder message) can tell which mujun command holds a session.
    public init(_ connectionString: ConnectionString = try! ConnectionString(),
                applicationName: String = "mujun") throws {
        let keywords = ["dbname", "fallback_application_name"]
        let values = [connectionString.text, Connection.tagged(applicationName)]
        var keywordPointers = keywords.map { strdup($0) }
        var valuePointers = values.map { strdup($0) }
        defer {
            keywordPointers.forEach { free($0) }
            valuePointers.forEach { free($0) }
        }
        keywordPointers.append(nil)
        valuePointers.append(nil)
        let connection = keywordPointers.withUnsafeBufferPointer { k in
            valuePointers.withUnsafeBufferPointer { v in
                k.withMemoryRebound(to: UnsafePointer<CChar>?.self) { kc in
                    v.withMemoryRebound(to: UnsafePointer<CChar>?.self) { vc in
                        PQconnectdbParams(kc.baseAddress, vc.baseAddress, 1)
                    }
                }
            }
        }
        guard let connection else {
            throw DatabaseError(.connectionFailed, message: "libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let endpoint = Connection.endpoint(of: connection)
            let reason = String(cString: PQerrorMessage(connection)).trimmingTrailingNewlines()
                .split(separator: "\n").first.map(String.init) ?? "unknown error"
            PQfinish(connection)
            throw DatabaseError(.connectionFailed,
                                message: "cannot connect to PostgreSQL at \(endpoint): \(Connection.shorten(reason))")
        }
        conn = connection
        // Mujun's SQL assumes these; set them once rather than trusting server defaults.
        try execute("SET client_encoding = 'UTF8'")
        try execute("SET datestyle = 'ISO, YMD'")
        try execute("SET client_min_messages = warning")
        // A client killed mid-statement (kill -9, a lost host) is otherwise noticed only when the
        // statement ends, and its locks, the advisory lock of a job or an ingest among them, stay
        // held until then (7 s measured, a whole grading step at province scale). With this the
        // server checks the socket every 2 s while a statement runs and cancels it (issue 16 item 9).
        try execute("SET client_connection_check_interval = '\(Connection.clientCheckSeconds)s'")
    }

    /// How often the server checks, during a statement, that Mujun's client is still there.
    public static let clientCheckSeconds = 2

    /// The application name as `pg_stat_activity` shows it: the command, then ` pid=PID@HOST` of
    /// the client, so that a lock's holder can be told apart from a client that is gone
    /// (`AdvisoryLock`). At most 63 bytes, the server's limit.
    static func tagged(_ name: String) -> String {
        String(decoding: Array("\(name)\(clientTag)".utf8.prefix(63)), as: UTF8.self)
    }

    /// ` pid=PID@HOST` of this process.
    static let clientTag: String = " pid=\(getpid())@\(ProcessInfo.processInfo.hostName)"

    deinit { PQfinish(conn) }

    /// `host:port/database as user`: what an operator needs to find the server; never a password.
    public var endpoint: String { Connection.endpoint(of: conn) }

    static func endpoint(of conn: OpaquePointer) -> String {
        func text(_ p: UnsafeMutablePointer<CChar>?) -> String { p.map { String(cString: $0) } ?? "" }
        let host = text(PQhost(conn))
        let port = text(PQport(conn))
        let db = text(PQdb(conn))
        let user = text(PQuser(conn))
        let place = host.hasPrefix("/") ? "\(host) (unix socket) port \(port)" : "\(host):\(port)"
        return "\(place), database \"\(db)\", user \"\(user)\""
    }

    /// libpq's message may repeat the socket path and the whole attempt; keep its gist.
    static func shorten(_ reason: String) -> String {
        var r = reason
        if let range = r.range(of: "failed: ") { r = String(r[range.upperBound...]) }
        return r
    }

    /// Server version as reported by `SHOW server_version`.
    public var serverVersion: String {
        (try? execute("SHOW server_version").scalar()) ?? "unknown"
    }

    /// The server process id of this session (`pg_backend_pid()`).
    public var backendPID: Int { Int(PQbackendPID(conn)) }

    /// Runs one parameterised statement and returns its result.
    ///
    /// Parameters travel separately from the SQL text in PostgreSQL's text format
    /// (`PQexecParams`), so values are never spliced into SQL.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [any SQLParameter] = []) throws -> QueryResult {
        let texts = parameters.map { $0.sqlText }
        var cStrings: [UnsafeMutablePointer<CChar>?] = texts.map { $0.map { strdup($0) } ?? nil }
        defer { cStrings.forEach { free($0) } }
        let result = cStrings.withUnsafeMutableBufferPointer { buffer in
            buffer.withMemoryRebound(to: UnsafePointer<CChar>?.self) { values in
                PQexecParams(conn, sql, Int32(texts.count), nil, values.baseAddress, nil, nil, 0)
            }
        }
        return try check(result, sql)
    }

    /// Runs a script of several statements (the SQL files of `sql/`), all or nothing: in the
    /// open transaction, or in one of its own. Only for trusted files shipped with Mujun: it
    /// takes no parameters by design. A failure names `name`, the line and the statement; a
    /// run's folders go through `SQLRunner`, which also sets the run's settings.
    public func executeScript(_ sql: String, name: String = "script") throws {
        let script = SQLScript(name: name, sql: sql)
        if inTransaction {
            try run(script)
        } else {
            try transaction { try $0.run(script) }
        }
    }

    /// One statement without parameters, sent as it is (the simple query protocol, which is
    /// what a script's DDL and DO blocks need).
    func executeStatement(_ sql: String) throws {
        let result = PQexec(conn, sql)
        _ = try check(result, sql)
    }

    func check(_ result: OpaquePointer?, _ sql: String?) throws -> QueryResult {
        guard let result else {
            throw DatabaseError.from(result: nil, connection: conn, statement: sql)
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY, PGRES_COPY_IN, PGRES_COPY_OUT:
            return QueryResult(result)
        default:
            let error = DatabaseError.from(result: result, connection: conn, statement: sql)
            PQclear(result)
            throw error
        }
    }

    /// Runs `body` in a transaction: COMMIT when it returns, ROLLBACK when it throws.
    ///
    /// Every batch, run and export is all-or-nothing (spec security.md); this is the one place
    /// that guarantees it.
    @discardableResult
    public func transaction<T>(_ isolation: TransactionIsolation = .readCommitted,
                               _ body: (Connection) throws -> T) throws -> T {
        try execute(isolation.begin)
        do {
            let value = try body(self)
            try execute("COMMIT")
            return value
        } catch {
            // A broken connection cannot roll back; the server discards the transaction anyway.
            if PQstatus(conn) == CONNECTION_OK { _ = try? execute("ROLLBACK") }
            throw error
        }
    }

    /// Whether the connection to the server is still up (false after a server restart or a
    /// terminated backend, until a new connection is made).
    public var isUp: Bool { PQstatus(conn) == CONNECTION_OK }

    /// Whether a transaction block is open on this connection.
    public var inTransaction: Bool {
        let status = PQtransactionStatus(conn)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR
    }
}
