/// What `mujun export` reports about one list it wrote.
public struct ListExportSummary: Sendable, Codable, Equatable {
    public var exportID: Int64
    public var list: String
    public var listDate: String
    /// The folder holding the files, `OUT/<list>/<list_date>`.
    public var folder: String
    public var manifest: ListManifest

    enum CodingKeys: String, CodingKey {
        case exportID = "export_id", list, listDate = "list_date", folder, manifest
    }
}
