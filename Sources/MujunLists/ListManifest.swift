import Foundation
import MujunCore

/// `manifest.json` beside a list (spec lists.md "Files and formats"): what the files are, the
/// inputs they come from, and the SHA-256 of each file, so a recipient can verify them
/// (`sha256sum`). No timestamps and no export id: exporting twice from the same data gives a
/// byte-identical manifest.
public struct ListManifest: Sendable, Codable, Equatable {
    public var list: String
    public var listDate: String
    public var policy: String
    public var policySHA256: String
    /// The published evaluation the grade reasons come from, and its year; nil when none.
    public var evaluationRun: Int64?
    public var evaluationYear: Int?
    /// The flag run the land reasons come from, and its as-of date; nil when none.
    public var flagRun: Int64?
    public var flagAsOf: String?
    /// The list date of the export `changes.csv` is against; nil for the first export.
    public var changesSince: String?
    public var rowCount: Int
    public var noAccountCount: Int
    public var added: Int
    public var removed: Int
    public var changed: Int
    public var encoding: String
    /// The receiving department of an enterprise list (procedure.md §4); absent for the others.
    public var recipient: String? = nil
    /// File name → SHA-256 (lowercase hex) of every file of the folder but the manifest.
    public var files: [String: String]
    public var generatorVersion: String

    enum CodingKeys: String, CodingKey {
        case list, listDate = "list_date", policy, policySHA256 = "policy_sha256"
        case evaluationRun = "evaluation_run", evaluationYear = "evaluation_year"
        case flagRun = "flag_run", flagAsOf = "flag_as_of", changesSince = "changes_since"
        case rowCount = "row_count", noAccountCount = "no_account_count", added, removed, changed
        case encoding, files, generatorVersion = "generator_version", recipient
    }

    // Written by hand so that a missing run is `null` rather than an absent key (details.md #64).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(list, forKey: .list)
        try c.encode(listDate, forKey: .listDate)
        try c.encode(policy, forKey: .policy)
        try c.encode(policySHA256, forKey: .policySHA256)
        try c.encode(evaluationRun, forKey: .evaluationRun)
        try c.encode(evaluationYear, forKey: .evaluationYear)
        try c.encode(flagRun, forKey: .flagRun)
        try c.encode(flagAsOf, forKey: .flagAsOf)
        try c.encode(changesSince, forKey: .changesSince)
        try c.encode(rowCount, forKey: .rowCount)
        try c.encode(noAccountCount, forKey: .noAccountCount)
        try c.encode(added, forKey: .added)
        try c.encode(removed, forKey: .removed)
        try c.encode(changed, forKey: .changed)
        try c.encode(encoding, forKey: .encoding)
        try c.encodeIfPresent(recipient, forKey: .recipient)
        try c.encode(files, forKey: .files)
        try c.encode(generatorVersion, forKey: .generatorVersion)
    }

    /// The file's bytes: sorted keys, two-space indentation, UTF-8, a final newline.
    public func jsonData() throws -> Data {
        try JSONEncoder.sortedPretty.encodeFile(self)
    }
}
