import Foundation
import Mustache

/// One enterprise's written feedback (告知书, seed 003_a0174000c3a42330.txt 三; procedure.md §1;
/// details.md #97, #124): its grade and reasons, each weighted indicator beside its cohort's
/// benchmark and its points, score, rank, the score the next better class needed, and how and
/// until when to object. The content is made by `sql/procedure/notice.sql` (as the `letter`
/// JSON of each row) and rendered by `Templates/letter.mustache` into one self-contained page
/// (no network, prints on A4).
struct NoticeLetter: Decodable {
    struct Indicator: Decodable {
        let name: String
        let unit: String?
        let value: String?
        let benchmark: String?
        let weight: String?
        let points: String?
    }
    struct Reason: Decodable {
        let code: String
        let text: String
    }

    let year: Int
    let runID: Int64
    let uscc: String
    let name: String
    let regionCode: String
    let cohort: String?
    let grade: String?
    let computedGrade: String?
    let graded: Bool
    let score: String?
    let rank: Int?
    let cohortSize: Int?
    let nextClass: String?
    let nextClassScore: String?
    let reasons: [Reason]
    let indicators: [Indicator]
    let noticeFrom: String
    let noticeUntil: String
    let contact: String

    enum CodingKeys: String, CodingKey {
        case year, runID = "run_id", uscc, name, regionCode = "region_code", cohort, grade, computedGrade = "computed_grade"
        case graded, score, rank, cohortSize = "cohort_size", nextClass = "next_class", nextClassScore = "next_class_score"
        case reasons, indicators, noticeFrom = "notice_from", noticeUntil = "notice_until", contact
    }

    static let template: MustacheTemplate = {
        let url = Bundle.module.url(forResource: "letter", withExtension: "mustache", subdirectory: "Templates")!
        // The template ships with the binary; a broken one is a build defect, not an input error.
        return try! MustacheTemplate(string: try! String(contentsOf: url, encoding: .utf8))
    }()

    /// The page's bytes (UTF-8). Mustache escapes every value, so a name with `<` stays text.
    func html() -> Data {
        var context: [String: Any] = [
            "year": String(year), "run_id": String(runID), "uscc": uscc, "name": name, "region_code": regionCode,
            "cohort": cohort ?? "", "grade": grade ?? "", "computed_grade": computedGrade ?? "", "graded": graded,
            "score": score ?? "", "rank": rank.map(String.init) ?? "", "cohort_size": cohortSize.map(String.init) ?? "",
            "has_reasons": !reasons.isEmpty,
            "reasons": reasons.map { ["code": $0.code, "text": $0.text] },
            "indicators": indicators.map { i -> [String: Any] in
                ["name": i.name, "unit": i.unit ?? "", "value": i.value ?? "—", "benchmark": i.benchmark ?? "—",
                 "weight": i.weight ?? "", "points": i.points ?? "—"]
            },
            "notice_from": noticeFrom, "notice_until": noticeUntil,
        ]
        if let nextClass {
            var next: [String: Any] = ["next_class": nextClass]
            if let nextClassScore { next["next_class_score"] = nextClassScore }
            context["next_class"] = next
        }
        if !contact.isEmpty { context["contact"] = contact }
        return Data(NoticeLetter.template.render(context).utf8)
    }
}
