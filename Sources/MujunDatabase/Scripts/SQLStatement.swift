/// One statement of an `SQLScript`: its text as sent to the server, and where it starts.
public struct SQLStatement: Sendable, Equatable {
    /// From the statement's first token (comments and blank lines before it left out) to its
    /// terminating semicolon, inclusive; the server's error position counts from here.
    public let text: String
    /// 1-based line of the script where `text` starts.
    public let line: Int
}
