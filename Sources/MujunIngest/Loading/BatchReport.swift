import MujunCore

/// What happened to one extract file's batch (spec extracts.md "Row accounting"): what the
/// loader returns, and what a row of `LoadReport` is made from.
public struct BatchReport: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable {
        /// Loaded and applied to core.
        case applied
        /// Its SHA-256 matches an applied batch: nothing was done.
        case alreadyApplied = "already_applied"
        /// Not applied: reject ratio over the limit (rows kept in staging and rejects), or the
        /// file as a whole is unusable (missing column, unterminated quote…).
        case refused
    }

    public var file: String
    public var kind: ExtractKind
    public var batchID: Int64?
    public var sha256: String
    public var status: Status
    public var rowsRead: Int
    public var rowsLoaded: Int
    public var rowsRejected: Int
    public var rejectsByReason: [String: Int]
    public var unknownColumns: [String]
    public var message: String
    public var asOf: String?
    public var encoding: String?
    public var seconds: Double
    /// Where the rejects were written as CSV, if they were.
    public var rejectsFile: String?

    enum CodingKeys: String, CodingKey {
        case file, kind, status, message, encoding, seconds
        case batchID = "batch_id"
        case sha256
        case rowsRead = "rows_read"
        case rowsLoaded = "rows_loaded"
        case rowsRejected = "rows_rejected"
        case rejectsByReason = "rejects_by_reason"
        case unknownColumns = "unknown_columns"
        case asOf = "as_of"
        case rejectsFile = "rejects_file"
    }
}
