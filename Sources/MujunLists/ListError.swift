/// Why an export could not be completed (besides database errors, which are `DatabaseError`).
public struct ListError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// An output folder or file could not be created or written (exit 73, EX_CANTCREAT).
        case cannotWrite = "cannot_write"
        /// The text could not be converted to the requested encoding.
        case cannotEncode = "cannot_encode"
    }

    public let code: Code
    /// The file or folder concerned.
    public let path: String
    public let message: String

    public init(_ code: Code, path: String, message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
