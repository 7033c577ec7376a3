/// A value that can be sent as a query parameter in PostgreSQL's text format.
///
/// Every query that carries data is parameterised (`PQexecParams`): values travel separately
/// from the SQL text, so text from extracts never reaches SQL as code (spec security.md).
public protocol SQLParameter {
    /// The text form PostgreSQL parses for the parameter's type; nil sends SQL NULL.
    var sqlText: String? { get }
}

extension String: SQLParameter { public var sqlText: String? { self } }
extension Substring: SQLParameter { public var sqlText: String? { String(self) } }
extension Int: SQLParameter { public var sqlText: String? { String(self) } }
extension Int32: SQLParameter { public var sqlText: String? { String(self) } }
extension Int64: SQLParameter { public var sqlText: String? { String(self) } }
extension Double: SQLParameter { public var sqlText: String? { String(self) } }
extension Bool: SQLParameter { public var sqlText: String? { self ? "true" : "false" } }
extension Optional: SQLParameter where Wrapped: SQLParameter {
    public var sqlText: String? { self?.sqlText }
}
