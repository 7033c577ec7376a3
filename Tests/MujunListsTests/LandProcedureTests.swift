import Foundation
import MujunCore
import MujunDatabase
import MujunGrading
import MujunLand
@testable import MujunLists
import MujunPolicy
import MujunTestSupport
import Testing

/// Land under edition 2 (procedure.md §3–§4; details.md #86–#90, #107, #108, #115, #120, #121,
/// #131): a flagged parcel is suspected until determined (认定); sanctions wait for the
/// determination, and the idle surcharges and the veto for the rectification deadline too.
///
/// The county: A1…A10 with tax 15 000 × i on their own 15-mu parcels, one indicator (tax per mu,
/// benchmark 10 000), graded 2024 and published on 2025-01-01. Five idle parcels (IDLE-1: agreed
/// start 2022-01-01, never started; 1 000 m² each, so A10 > A9 > … > A1 still):
///
/// | parcel | holder | determination | cause | deadline | on 2025-07-15 |
/// |---|---|---|---|---|---|
/// | Q1 | A10 | none | empty → undetermined | – | suspected: verification only |
/// | Q2 | A9 | 认-2 on 2025-08-01 (after L) | enterprise | – | suspected: verification only |
/// | Q3 | A1 | 认-3 on 2025-03-01 | enterprise | 2026-03-01 (+1 year) | freeze, finance-notice, incentive-suspension from 2025-03-01; no surcharge |
/// | Q4 | A7 | 认-4 on 2024-01-10 | enterprise | rectify_by 2025-06-30 | + idle surcharge from 2025-07-01 (the day after the deadline) |
/// | Q5 | A6 | 认-5 on 2023-05-01 | enterprise | 2024-05-01 (+1 year) | + idle surcharge from 2025-06-01 (the flag run: no back-billing) |
///
/// Grades: A10, A9 A; A8–A5 B; A4–A2 C; A1 D. The veto of 2024 (as of 2024-12-31) takes A6's B
/// (Q5 determined, deadline passed) but not A7's (Q4's deadline is in 2025).
@Suite("Land procedure: suspected until determined")
struct LandProcedureTests {
    static let parcels = """
        parcel_id,holder_uscc,region_code,land_use,area_m2,supplied_on,agreed_start_on,idle_cause,determination_no,determined_on,rectify_by
        Q1,{A10},320101,工业,1000,2021-01-01,2022-01-01,,,,
        Q2,{A9},320101,工业,1000,2021-01-01,2022-01-01,企业,认-2,2025-08-01,
        Q3,{A1},320101,工业,1000,2021-01-01,2022-01-01,企业,认-3,2025-03-01,
        Q4,{A7},320101,工业,1000,2021-01-01,2022-01-01,企业,认-4,2024-01-10,2025-06-30
        Q5,{A6},320101,工业,1000,2021-01-01,2022-01-01,企业,认-5,2023-05-01,

        """

    @Test("recommendations, the veto, the freeze, verification, utility and enterprise lists follow the determinations")
    func determinations() throws {
        let county = try Edition2County((1...10).map { Edition2County.Firm("A\($0)", tax: String(15000 * $0), kwh: "1000") })
        var text = Self.parcels
        for i in 1...10 { text = text.replacingOccurrences(of: "{A\(i)}", with: county.uscc("A\(i)")) }
        try county.county.loadClean(.parcels, "parcels_2025-05-31.csv", text, today: "2025-06-01")
        let profile = try Edition2County.profile(above: "      tax_per_mu:   {weight: 100, benchmark: 10000}",
                                                 below: "      tax_per_mu:   {weight: 100, benchmark: 10000}")
        let run = try county.evaluate(2024, profile, publish: true).runID
        func grade(_ name: String) throws -> String {
            try county.county.scalar("SELECT grade || ' ' || computed_grade || ' ' || reasons FROM runs.enterprise_grades WHERE run_id = $1 AND uscc = $2",
                                     [Int(run), county.uscc(name)]) ?? "-"
        }
        #expect(try grade("A6") == "C B idle_land_veto")   // Q5: determined 2023, deadline 2024-05-01 ≤ 2024-12-31
        #expect(try grade("A7") == "B B ")                 // Q4: determined, but its deadline is 2025-06-30
        #expect(try grade("A10") == "A A ")                // Q1: suspected
        #expect(try grade("A1") == "D D ")

        // The flag run: suspected parcels are to be investigated, with no fee; determined ones
        // (idle since 2022-01-01, 3 years on 2025-06-01) are recovered.
        let flag = try FlagRun(connection: county.connection).run(asOf: CalendarDay("2025-06-01")!, policy: profile, madeBy: "t")
        #expect(try county.county.strings("""
            SELECT parcel_id || ' ' || flag_code || ' ' || recommendation || ' ' || coalesce(idle_fee_yuan::text, '-') || ' '
                   || (evidence ->> 'idle_cause')
            FROM runs.parcel_flags WHERE run_id = $1 AND parcel_id LIKE 'Q%' ORDER BY parcel_id
            """, [Int(flag.runID)]) == [
                "Q1 IDLE-1 investigate - undetermined", "Q2 IDLE-1 investigate - enterprise", "Q3 IDLE-1 recover - enterprise",
                "Q4 IDLE-1 recover - enterprise", "Q5 IDLE-1 recover - enterprise",
            ])

        let out = try TemporaryDirectory()
        let lists = PolicyList.all(of: profile)
        #expect(lists.map(\.rawValue) == ["electricity", "water", "gas", "mortgage-freeze", "verification",
                                          "land-bidding", "finance-notice", "incentive-suspension"])
        let summaries = try ListExporter(connection: county.connection).export(
            lists, date: CalendarDay("2025-07-15")!, to: out.url, policy: profile, generatorVersion: "mujun test", madeBy: "t")
        #expect(summaries.count == 8)
        func rows(_ list: String) throws -> [String] {
            try county.county.strings("""
                SELECT r.key || ' ' || coalesce(r.uscc, '') || ' ' || r.reason_codes || ' ' || coalesce(r.surcharge::text, '-') || ' '
                       || r.effective_from
                FROM runs.list_rows r JOIN runs.list_exports e USING (export_id)
                WHERE e.list = $1 ORDER BY r.key
                """, [list])
        }
        func code(_ name: String) -> String { county.uscc(name) }
        // Verification: the two suspected parcels, dated by the list.
        #expect(try rows("verification") == ["Q1 \(code("A10")) IDLE-1 - 2025-07-15", "Q2 \(code("A9")) IDLE-1 - 2025-07-15"])
        // Freeze: the determined ones, whatever their deadline, from their determination.
        #expect(try rows("mortgage-freeze") == ["Q3 \(code("A1")) IDLE-1 - 2025-03-01", "Q4 \(code("A7")) IDLE-1 - 2024-01-10",
                                                "Q5 \(code("A6")) IDLE-1 - 2023-05-01"])
        // Electricity (accounts 1000 + i − 1): A1's D from the publication's year (2025-01-01); A6
        // and A7 for idle land past its deadline, from the later of the deadline's next day and the
        // flag run; not A1's Q3 (inside its deadline), nor the suspected parcels.
        #expect(try rows("electricity") == ["1000 \(code("A1")) grade_D 0.05 2025-01-01",
                                            "1005 \(code("A6")) IDLE-1 0.05 2025-06-01",
                                            "1006 \(code("A7")) IDLE-1 0.05 2025-07-01"])
        // Enterprise lists: A1 on land-bidding for its D and on the two land lists for Q3.
        #expect(try rows("land-bidding") == ["\(code("A1")) \(code("A1"))  - 2025-01-01"])
        let landRows = ["\(code("A1")) \(code("A1")) IDLE-1 - 2025-03-01", "\(code("A6")) \(code("A6")) IDLE-1 - 2023-05-01",
                        "\(code("A7")) \(code("A7")) IDLE-1 - 2024-01-10"].sorted()
        #expect(try rows("finance-notice") == landRows)
        #expect(try rows("incentive-suspension") == landRows)

        // The files: columns of procedure.md §4, the recipient in the manifest.
        let csv = try String(contentsOf: out.url.appendingPathComponent("incentive-suspension/2025-07-15/incentive-suspension.csv"),
                             encoding: .utf8).split(separator: "\r\n").map(String.init)
        #expect(csv[0] == "清单日期 list_date,统一社会信用代码 uscc,企业名称 enterprise_name,区划代码 region_code,评价等级 grade,"
                + "连续D类年数 consecutive_d_years,认定标志 flag_codes,认定书编号 determination_nos,处置措施 measures,执行日期 effective_from,依据 basis")
        #expect(csv.contains("2025-07-15,\(code("A1")),企业A1,320101,D,1,IDLE-1,认-3,"
                             + "暂停优惠政策兑现;暂停施工规划许可;暂停环评安评审批;暂停融资担保;清欠土地使用税,2025-03-01,"
                             + "旌德 政办〔2022〕67号 五(三)4 对被认定为闲置低效工业用地的企业暂停办理"))
        #expect(csv.contains { $0.hasPrefix("2025-07-15,\(code("A6")),企业A6,320101,C,0,IDLE-1,认-5,") })
        let bidding = try String(contentsOf: out.url.appendingPathComponent("land-bidding/2025-07-15/land-bidding.csv"), encoding: .utf8)
        #expect(bidding.contains("2025-07-15,\(code("A1")),企业A1,320101,D,1,,,工业用地招拍挂竞买,2025-01-01,"))
        let manifest = try JSONSerialization.jsonObject(
            with: Data(contentsOf: out.url.appendingPathComponent("finance-notice/2025-07-15/manifest.json"))) as? [String: Any]
        #expect(manifest?["recipient"] as? String == "金融监管部门")
        let files = (manifest?["files"] as? [String: String])?.keys.sorted()
        #expect(files == ["changes.csv", "finance-notice.csv", "finance-notice.xlsx"])

        // Exported again: the same bytes (details.md #67).
        let again = try TemporaryDirectory()
        _ = try ListExporter(connection: county.connection).export(
            lists, date: CalendarDay("2025-07-15")!, to: again.url, policy: profile, generatorVersion: "mujun test", madeBy: "t")
        for list in ["finance-notice", "land-bidding", "verification"] {
            let a = try Data(contentsOf: out.url.appendingPathComponent("\(list)/2025-07-15/\(list).csv"))
            let b = try Data(contentsOf: again.url.appendingPathComponent("\(list)/2025-07-15/\(list).csv"))
            #expect(a == b)
        }
    }
}
