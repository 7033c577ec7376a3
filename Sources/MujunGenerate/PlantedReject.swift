/// A bad row written on purpose, and what the loader must say about it: the physical line,
/// the reject reason and the column (spec extracts.md "Reject reasons", details.md #67).
public struct PlantedReject: Sendable, Codable, Equatable {
    public var line: Int
    public var reason: String
    /// The canonical column name the reject names (the first key column for `duplicate_key`).
    public var column: String
    /// What was done to the row, for a reader of the manifest.
    public var note: String
}
