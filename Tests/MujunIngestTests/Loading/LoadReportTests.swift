import Foundation
@testable import MujunIngest
import Testing

@Suite("Load report: a row per file, a total row, the same report as text and JSON")
struct LoadReportTests {
    /// Three files of a drop folder: one applied with a rejected row, one already applied, one
    /// whose name tells no kind (refused before any batch).
    static var report: LoadReport {
        var report = LoadReport()
        report.append(LoadReport.File(BatchReport(
            file: "/in/tax_2025-01-01.csv", kind: .tax, batchID: 12, sha256: "ab12", status: .applied,
            rowsRead: 21, rowsLoaded: 20, rowsRejected: 1, rejectsByReason: ["duplicate_key": 1], unknownColumns: ["备注"],
            message: "1 of 21 rows rejected (4.8 %)", asOf: "2025-01-01", encoding: "utf8", seconds: 0.42,
            rejectsFile: "/in/tax_2025-01-01.rejects.csv"), movedTo: "/in/archive/12-tax_2025-01-01.csv"))
        report.append(LoadReport.File(BatchReport(
            file: "/in/registry.csv", kind: .registry, batchID: 7, sha256: "cd34", status: .alreadyApplied,
            rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, rejectsByReason: [:], unknownColumns: [],
            message: "already applied as batch 7; nothing done", asOf: nil, encoding: nil, seconds: 0.01)))
        report.append(LoadReport.File(refused: "/in/电力.csv", kind: nil,
                                      reason: "/in/电力.csv: the kind cannot be told from the name",
                                      movedTo: "/in/failed/电力.csv"))
        return report
    }

    @Test("the table: aligned columns (a Chinese name is two columns a character), the total, then the notes")
    func text() {
        #expect(LoadReportTests.report.text == """
            file                kind      status           batch  read  loaded  rejected  seconds
            ------------------  --------  ---------------  -----  ----  ------  --------  -------
            tax_2025-01-01.csv  tax       applied             12    21      20         1      0.4
            registry.csv        registry  already_applied      7     0       0         0      0.0
            电力.csv            ?         refused              -     0       0         0      0.0
            ------------------  --------  ---------------  -----  ----  ------  --------  -------
            total                         3 files                   21      20         1      0.4
            applied 1, already applied 1, refused 1

            tax_2025-01-01.csv:
                1 of 21 rows rejected (4.8 %)
                rejected: duplicate_key 1
                ignored unknown columns: 备注
                rejects written to /in/tax_2025-01-01.rejects.csv
                moved to /in/archive/12-tax_2025-01-01.csv
            registry.csv:
                already applied as batch 7; nothing done
            电力.csv:
                /in/电力.csv: the kind cannot be told from the name
                moved to /in/failed/电力.csv

            """)
        #expect(LoadReport().text == """
            file   kind  status   batch  read  loaded  rejected  seconds
            -----  ----  -------  -----  ----  ------  --------  -------
            -----  ----  -------  -----  ----  ------  --------  -------
            total        0 files            0       0         0      0.0
            applied 0, already applied 0, refused 0

            """)
    }

    @Test("the JSON: every file with its fields, and the total, where read = loaded + rejected")
    func json() throws {
        let data = try LoadReportTests.report.json()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let total = try #require(object["total"] as? [String: Any])
        #expect(total["files"] as? Int == 3 && total["applied"] as? Int == 1 && total["already_applied"] as? Int == 1
                && total["refused"] as? Int == 1)
        #expect(total["rows_read"] as? Int == 21 && total["rows_loaded"] as? Int == 20 && total["rows_rejected"] as? Int == 1)
        #expect(total["seconds"] as? Double == 0.43)
        let files = try #require(object["files"] as? [[String: Any]])
        #expect(files.map { $0["file"] as? String } == ["/in/tax_2025-01-01.csv", "/in/registry.csv", "/in/电力.csv"])
        #expect(files.map { $0["status"] as? String } == ["applied", "already_applied", "refused"])
        #expect(files[0]["batch_id"] as? Int == 12 && files[0]["kind"] as? String == "tax")
        #expect(files[0]["rejects_by_reason"] as? [String: Int] == ["duplicate_key": 1])
        #expect(files[0]["moved_to"] as? String == "/in/archive/12-tax_2025-01-01.csv")
        // The refused file: the reason as its message, zero rows, no kind and no batch (keys left out).
        #expect(files[2]["message"] as? String == "/in/电力.csv: the kind cannot be told from the name")
        #expect(files[2]["rows_read"] as? Int == 0 && files[2]["rows_rejected"] as? Int == 0)
        #expect(files[2]["kind"] == nil && files[2]["batch_id"] == nil && files[2]["sha256"] == nil)
        #expect(Set(files[2].keys) == ["file", "status", "message", "rows_read", "rows_loaded", "rows_rejected",
                                       "rejects_by_reason", "unknown_columns", "seconds", "moved_to"])
        #expect(files[0]["sha256"] as? String == "ab12" && files[0]["as_of"] as? String == "2025-01-01")
        // Text and JSON are one report: it decodes back to the same value.
        #expect(try JSONDecoder().decode(LoadReport.self, from: data) == LoadReportTests.report)
    }
}
