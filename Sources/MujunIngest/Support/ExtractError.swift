/// A whole extract file refused before (or instead of) loading it.
///
/// Row-level problems are rejects (`RejectReason`), not errors; this type is for what makes the
/// file as a whole unusable. It always names the file, and the line and column when known, and
/// says what was expected, so an operator can fix the extract without reading code.
public struct ExtractError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, for callers that branch (the CLI maps these to exit codes).
    public enum Code: String, Sendable {
        /// The file does not exist or cannot be read (exit 66).
        case cannotRead = "cannot_read"
        /// Not a CSV text file at all (e.g. an `.xlsx` workbook).
        case notCSV = "not_csv"
        /// A quote opened and never closed before the end of the file.
        case unterminatedQuote = "unterminated_quote"
        /// No header record.
        case missingHeader = "missing_header"
        /// A required column is absent from the header.
        case missingColumn = "missing_column"
        /// The same column appears twice (e.g. under two aliases).
        case duplicateColumn = "duplicate_column"
        /// A FIFO, device, socket or folder where an extract file was named (exit 66): refused
        /// before it is opened, since opening or reading it could block or never end.
        case notARegularFile = "not_regular_file"
        /// The file name is not acceptable (path traversal, symlink, unknown kind).
        case badFileName = "bad_file_name"
    }

    public var code: Code
    public var file: String
    public var line: Int?
    public var column: String?
    public var message: String

    public init(_ code: Code, file: String, line: Int? = nil, column: String? = nil, message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += " column \(column)" }
        return "\(place): \(message)"
    }
}
