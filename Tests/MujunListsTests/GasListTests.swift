import Foundation
import MujunCore
@testable import MujunLists
import MujunTestSupport
import Testing

/// The gas list (差别气价清单, spec procedure.md §4; details.md #107): the water list's twin over
/// gas accounts, with the profile's `lists.surcharge.gas`.
@Suite("Lists: the gas list")
struct GasListTests {
    static let header = "清单日期 list_date,户号 account_no,户名 account_name,统一社会信用代码 uscc,企业名称 enterprise_name,"
        + "区划代码 region_code,评价等级 grade,原因代码 reason_codes,加价(元/立方米) surcharge_yuan_per_m3,"
        + "执行日期 effective_from,依据 basis\r\n"

    @Test("empty with the default's zero surcharges; with a county's own, D and idle grounds as on the water list")
    func gas() throws {
        let fixture = try ListFixture()
        let (f1, g1, f10) = (ListsTests.f1, ListsTests.g1, ListsTests.f10)
        // Gas accounts (气) of F1 and G1; F10 (idle, grade C) has none.
        try fixture.load(.accounts, "accounts_2025-02-01.csv", """
            utility,account_no,uscc,account_name
            气,7001,\(f1),气F1
            气,7013,\(g1),气G1

            """)
        // The shipped default has no gas surcharge: the list is written, and empty.
        let none = try fixture.export([.gas], date: "2025-03-01")[0]
        #expect(none.manifest.rowCount == 0 && none.manifest.noAccountCount == 0)
        #expect(try fixture.text(.gas, "2025-03-01", "gas.csv") == Self.header)

        // A county sets D 0.50 and idle 0.30 yuan/m³: F1 (D, and an idle parcel of its own fault)
        // takes the larger, 0.50, both reasons; G1 (D) 0.50; F10 (idle only) 0.30, without an account.
        let county = try ListFixture.profile(replacing: [("    water: {C: 0, D: 0.17, idle: 0.17}",
                                                          "    water: {C: 0, D: 0.17, idle: 0.17}\n    gas: {C: 0, D: 0.5, idle: 0.3}")])
        let out = try TemporaryDirectory()
        let summary = try fixture.export([.gas], date: "2025-03-01", to: out.url, policy: county)[0]
        let gasD = "grade_D 亩均效益综合评价D类; 差别气价 政策参数 lists.surcharge.gas.D"
        let idle = "IDLE-1 闲置土地处置办法 第二条; 金义新区 闲置工业用地盘地行动方案 四.3 差别化政策"
        #expect(try fixture.text(.gas, "2025-03-01", "gas.csv", in: out.url) == Self.header
            + "2025-03-01,7001,气F1,\(f1),企业F1,320101,D,IDLE-1;grade_D,0.50,2025-01-01,"
            + "IDLE-1 闲置土地处置办法 第二条; grade_D 亩均效益综合评价D类; 金义新区 闲置工业用地盘地行动方案 四.3 差别化政策; "
            + "差别气价 政策参数 lists.surcharge.gas.D\r\n"
            + "2025-03-01,7013,气G1,\(g1),企业G1,320101,D,grade_D,0.50,2025-01-01,\(gasD)\r\n")
        #expect(try fixture.text(.gas, "2025-03-01", "no_account.csv", in: out.url).hasSuffix(
            "2025-03-01,\(f10),企业F10,320102,C,IDLE-1,0.30,2025-02-01,\(idle)\r\n"))
        #expect(summary.manifest.rowCount == 2 && summary.manifest.noAccountCount == 1)
    }
}
