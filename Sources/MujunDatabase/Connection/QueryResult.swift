import CLibPQ

/// The rows of a completed query, with typed access by row and column name.
///
/// Wraps a `PGresult` and frees it when released. Values are read in PostgreSQL's text format,
/// which is exact for `numeric` (kept as text so no money or area passes through a float).
public final class QueryResult {
    private let result: OpaquePointer
    public let rowCount: Int
    public let columnCount: Int
    /// Rows affected by an INSERT/UPDATE/DELETE/COPY, from the command tag.
    public let affectedRows: Int

    init(_ result: OpaquePointer) {
        self.result = result
        rowCount = Int(PQntuples(result))
        columnCount = Int(PQnfields(result))
        affectedRows = Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    deinit { PQclear(result) }

    public func columnName(_ column: Int) -> String {
        String(cString: PQfname(result, Int32(column)))
    }

    public func columnIndex(_ name: String) throws -> Int {
        let i = Int(PQfnumber(result, name))
        guard i >= 0 else {
            throw DatabaseError(.unexpectedResult, message: "result has no column \"\(name)\"")
        }
        return i
    }

    public func isNull(_ row: Int, _ column: Int) -> Bool {
        PQgetisnull(result, Int32(row), Int32(column)) == 1
    }

    /// The value as text, nil for SQL NULL.
    public func string(_ row: Int, _ column: Int) -> String? {
        guard row < rowCount, column < columnCount, !isNull(row, column) else { return nil }
        return String(cString: PQgetvalue(result, Int32(row), Int32(column)))
    }

    public func string(_ row: Int, _ name: String) throws -> String? {
        string(row, try columnIndex(name))
    }

    public func int(_ row: Int, _ name: String) throws -> Int? {
        guard let text = try string(row, name) else { return nil }
        guard let value = Int(text) else {
            throw DatabaseError(.unexpectedResult, message: "column \"\(name)\" is not an integer: \(text)")
        }
        return value
    }

    public func bool(_ row: Int, _ name: String) throws -> Bool? {
        guard let text = try string(row, name) else { return nil }
        return text == "t" || text == "true"
    }

    /// The single value of a one-row, one-column result (e.g. `SELECT count(*)`).
    public func scalar() throws -> String? {
        guard rowCount == 1, columnCount >= 1 else {
            throw DatabaseError(.unexpectedResult,
                                message: "expected one row, got \(rowCount) row(s) of \(columnCount) column(s)")
        }
        return string(0, 0)
    }

    public func scalarInt() throws -> Int {
        guard let text = try scalar(), let value = Int(text) else {
            throw DatabaseError(.unexpectedResult, message: "expected an integer result")
        }
        return value
    }

    /// Every row as a dictionary of column name to text (for small results: status, reports).
    public var rows: [[String: String?]] {
        (0..<rowCount).map { r in
            Dictionary(uniqueKeysWithValues: (0..<columnCount).map { c in (columnName(c), string(r, c)) })
        }
    }
}
