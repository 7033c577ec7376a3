import CLibPQ

/// Streams rows into a table with `COPY … FROM STDIN`.
///
/// Rows are buffered and sent in 32–64 KiB pieces with `PQputCopyData`: the batch size measured
/// best over a unix socket (shared/notes/toolchain.md; 128 KiB was 20–35 % slower because the
/// blocking send stalls once a piece exceeds the socket buffer and client and server stop
/// overlapping). PostgreSQL aborts the whole COPY on one bad row and reports it only at the end,
/// so callers must send only rows the server will accept.
public final class CopyIn {
    private let connection: Connection
    private let sql: String
    private var buffer: [UInt8] = []
    private var finished = false
    /// Bytes handed to libpq so far.
    public private(set) var bytesSent = 0

    /// Flush threshold: 48 KiB sits in the measured sweet spot.
    public static let pieceSize = 48 * 1024

    fileprivate init(connection: Connection, sql: String) throws {
        self.connection = connection
        self.sql = sql
        buffer.reserveCapacity(CopyIn.pieceSize + 4096)
        let result = PQexec(connection.conn, sql)
        guard let result, PQresultStatus(result) == PGRES_COPY_IN else {
            var error = DatabaseError.from(result: result, connection: connection.conn, statement: sql)
            if let result { PQclear(result) }
            error.code = .copyFailed
            throw error
        }
        PQclear(result)
    }

    /// Appends raw COPY-format bytes (one or more complete rows, or part of one).
    public func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        if buffer.count + bytes.count > CopyIn.pieceSize, !buffer.isEmpty { try flush() }
        if bytes.count >= CopyIn.pieceSize {
            try send(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    public func write(_ text: String) throws {
        var t = text
        try t.withUTF8 { try write($0) }
    }

    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBufferPointer { try send($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func send(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        let rc = bytes.withMemoryRebound(to: CChar.self) {
            PQputCopyData(connection.conn, $0.baseAddress, Int32($0.count))
        }
        guard rc == 1 else { throw lost("sending COPY data failed") }
        bytesSent += bytes.count
    }

    /// Ends the COPY and returns the number of rows the server stored.
    public func finish() throws -> Int {
        try flush()
        finished = true
        guard PQputCopyEnd(connection.conn, nil) == 1 else { throw lost("ending COPY failed") }
        return try drainResults()
    }

    /// A failure to send: when the connection itself is gone (the server restarted, the backend
    /// was terminated), it is `connectionLost`, transient, so `mujun ingest` exits 75 and a job
    /// retries its ingest step (issue 16 item 8); before, it was a plain failure (exit 1).
    private func lost(_ what: String) -> DatabaseError {
        let reason = String(cString: PQerrorMessage(connection.conn)).trimmingTrailingNewlines()
        let gone = PQstatus(connection.conn) != CONNECTION_OK
        return DatabaseError(gone ? .connectionLost : .copyFailed,
                             message: "\(what): \(gone ? "connection to PostgreSQL lost: " : "")\(reason)")
    }

    /// Aborts the COPY; the server discards every row sent.
    public func abort(_ reason: String) {
        guard !finished else { return }
        finished = true
        _ = PQputCopyEnd(connection.conn, reason)
        _ = try? drainResults()
    }

    private func drainResults() throws -> Int {
        var rows = 0
        var firstError: DatabaseError?
        while let result = PQgetResult(connection.conn) {
            if PQresultStatus(result) == PGRES_COMMAND_OK {
                rows += Int(String(cString: PQcmdTuples(result))) ?? 0
            } else if firstError == nil {
                firstError = DatabaseError.from(result: result, connection: connection.conn, statement: sql)
                firstError?.code = .copyFailed
            }
            PQclear(result)
        }
        if let firstError { throw firstError }
        return rows
    }
}

extension Connection {
    /// Runs `COPY … FROM STDIN`, letting `body` stream the data; returns the rows stored.
    /// If `body` throws, the COPY is aborted and nothing it sent is kept.
    public func copyIn(_ sql: String, _ body: (CopyIn) throws -> Void) throws -> Int {
        let copy = try CopyIn(connection: self, sql: sql)
        do {
            try body(copy)
        } catch {
            copy.abort("aborted by client: \(error)")
            throw error
        }
        return try copy.finish()
    }
}
