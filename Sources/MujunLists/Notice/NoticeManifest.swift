import Foundation
import MujunCore

/// `manifest.json` of a notice folder (procedure.md §1): the run, the period, the counts and
/// every file's SHA-256, letters included, so a recipient can check what was published.
struct NoticeManifest: Codable, Equatable {
    var kind = "notice"
    var runID: Int64
    var year: Int
    var policy: String
    var policySHA256: String
    var noticeFrom: String
    var noticeUntil: String
    var days: Int
    var rowCount: Int
    var letterCount: Int
    var encoding: String
    var files: [String: String]
    var generatorVersion: String

    enum CodingKeys: String, CodingKey {
        case kind, runID = "run_id", year, policy, policySHA256 = "policy_sha256", noticeFrom = "notice_from"
        case noticeUntil = "notice_until", days, rowCount = "row_count", letterCount = "letter_count", encoding, files
        case generatorVersion = "generator_version"
    }

    /// The file's bytes: sorted keys, two-space indentation, UTF-8, a final newline.
    func jsonData() throws -> Data {
        try JSONEncoder.sortedPretty.encodeFile(self)
    }
}
