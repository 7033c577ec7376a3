import CLibPQ
import Foundation

extension Connection {
    /// Runs `COPY … TO STDOUT` and hands each piece of output to `body` as it arrives, so a
    /// large result is written out with flat memory. Returns the number of rows copied.
    @discardableResult
    public func copyOut(_ sql: String, _ body: (UnsafeRawBufferPointer) throws -> Void) throws -> Int {
        let start = PQexec(conn, sql)
        guard let start, PQresultStatus(start) == PGRES_COPY_OUT else {
            let error = DatabaseError.from(result: start, connection: conn, statement: sql)
            if let start { PQclear(start) }
            throw error
        }
        PQclear(start)
        var failure: Error?
        while true {
            var piece: UnsafeMutablePointer<CChar>?
            let n = PQgetCopyData(conn, &piece, 0)
            if n > 0, let piece {
                if failure == nil {
                    do { try body(UnsafeRawBufferPointer(start: piece, count: Int(n))) } catch { failure = error }
                }
                PQfreemem(piece)
            } else {
                break  // -1: done; -2: error, reported by PQgetResult below
            }
        }
        var rows = 0
        var serverError: DatabaseError?
        while let result = PQgetResult(conn) {
            if PQresultStatus(result) == PGRES_COMMAND_OK {
                rows = Int(String(cString: PQcmdTuples(result))) ?? 0
            } else if serverError == nil {
                serverError = DatabaseError.from(result: result, connection: conn, statement: sql)
            }
            PQclear(result)
        }
        if let failure { throw failure }
        if let serverError { throw serverError }
        return rows
    }
}
