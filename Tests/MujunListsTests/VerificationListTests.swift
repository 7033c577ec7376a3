import Foundation
import MujunCore
import MujunLand
@testable import MujunLists
import MujunTestSupport
import Testing

/// The verification list (核查清单, spec procedure.md §3; details.md #89, #101, #106, #108, #122)
/// on ListFixture's county: every parcel the flag run flags IDLE-*/INEFF-* that is not
/// determined by the list date.
@Suite("Lists: the verification list")
struct VerificationListTests {
    static let header = "清单日期 list_date,宗地代码 parcel_id,不动产权证号 cert_no,统一社会信用代码 holder_uscc,"
        + "权利人 holder_name,区划代码 region_code,宗地面积(平方米) area_m2,宗地面积(亩) area_mu,疑似标志 flag_codes,"
        + "起算日期 since,核查线索 evidence_summary,依据 basis\r\n"

    @Test("undetermined flagged parcels, with since and evidence; a number without a date is not a determination")
    func verification() throws {
        let fixture = try ListFixture()
        let summary = try fixture.export([.verification], date: "2025-03-01")[0]
        let text = try fixture.text(.verification, "2025-03-01", "verification.csv")
        let rows = text.components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        #expect(text.hasPrefix(Self.header))
        // Every flagged parcel: P-F1-idle has a 认定书编号 but no 认定日期, so it is not determined
        // (details.md #101). Sorted by region, then parcel.
        #expect(rows.map { $0.split(separator: ",")[1] } == ["P-F1", "P-F1-idle", "P-G1", "P-N1", "P-F10-idle", "P-F8-idle"])
        let idle = try #require(rows.first { $0.contains(",P-F1-idle,") })
        let idleBasis = "IDLE-1 闲置土地处置办法 第二条; 闲置土地处置办法 第八条 调查核实"
        #expect(idle == "2025-03-01,P-F1-idle,证P-F1-idle,\(ListsTests.f1),企业F1,320101,5000.00,7.50,IDLE-1,2021-06-01,"
                + "IDLE-1 约定动工 2021-06-01，截至 2025-02-01 未动工,\(idleBasis)")
        let g1 = try #require(rows.first { $0.contains(",P-G1,") })
        #expect(g1 == "2025-03-01,P-G1,证P-G1,\(ListsTests.g1),企业G1,320101,2000.00,3.00,INEFF-2,,"
                + "INEFF-2 约定竣工 2024-06-30，截至 2025-02-01 未投产,"
                + "INEFF-2 旌德 政办〔2022〕67号 二(二)2 未按约定建设; 旌德 政办〔2022〕67号 三 核查认定")
        // Each evidence summary is Chinese text (details.md #89).
        for row in rows {
            #expect(row.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(row)")
        }
        #expect(summary.manifest.rowCount == 6 && summary.manifest.noAccountCount == 0)
        #expect(!FileManager.default.fileExists(atPath: fixture.file(.verification, "2025-03-01", "no_account.csv").path))
        for name in ["changes.csv", "verification.xlsx", "manifest.json"] {
            #expect(FileManager.default.fileExists(atPath: fixture.file(.verification, "2025-03-01", name).path), "\(name)")
        }

        // The bureau determines P-F1-idle on 2025-02-20 (number and date); the next flag run sees it
        // (details.md #122). A list dated before the determination still has it; one after does not.
        try fixture.load(.parcels, "parcels_2025-02-14.csv", """
            parcel_id,cert_no,holder_uscc,region_code,land_use,area_m2,supplied_on,agreed_start_on,idle_cause,determination_no,determined_on
            P-F1-idle,证P-F1-idle,\(ListsTests.f1),320101,工业,5000,2021-01-01,2021-06-01,企业,闲认〔2024〕1号,2025-02-20

            """)
        try fixture.flag(asOf: "2025-02-15")
        try fixture.export([.verification], date: "2025-02-19")
        #expect(try fixture.text(.verification, "2025-02-19", "verification.csv").contains(",P-F1-idle,"))
        try fixture.export([.verification], date: "2025-03-02")
        let after = try fixture.text(.verification, "2025-03-02", "verification.csv")
        #expect(!after.contains(",P-F1-idle,") && after.contains(",P-F10-idle,"))
        #expect(try fixture.text(.verification, "2025-03-02", "changes.csv").contains("removed,P-F1-idle,\(ListsTests.f1),IDLE-1,,"))
    }
}
