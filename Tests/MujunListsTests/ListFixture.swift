import Foundation
import MujunCore
import MujunDatabase
import MujunGrading
import MujunIngest
import MujunLand
@testable import MujunLists
import MujunPolicy
import MujunTestSupport

/// A small county whose lists are worked out by hand in ListsTests.swift, loaded through the
/// real loader, graded by the real evaluator (2022–2024, each published) and flagged by the
/// real flag run as of 2025-02-01.
///
/// The grading county is the one of docs/grading.md (tax × 100, which leaves every score as it
/// is): F1 is D in 2022, 2023 and 2024 (consecutive_d_years 3 → 0.10 yuan/kWh), G1 is D in 2024
/// only (it was T before its agreed completion passed: 0.05), F10 is C (idle-land veto).
/// Regions: F1–F5, B1, G1, N1 in 320101; F6–F10 in 320102.
/// Power accounts: 1NN for firm NN, and F1 has a second one, 201 (企业F1二车间); F10 has none.
/// Water accounts (accounts extract): 5001 → F1, 5002 → F2, 5010 → F10.
/// Parcels besides each firm's factory:
///   P-F1-idle   F1, not started, agreed start 2021-06-01, cause 企业, determination 闲认〔2024〕1号
///   P-F10-idle  F10, not started, agreed start 2022-06-01, cause 企业, no determination
///   P-F8-idle   F8, not started, agreed start 2022-06-01, cause 政府 (not on the surcharge lists)
/// Flags as of 2025-02-01 on the lists: those three IDLE-1; P-F1 INEFF-3 (negative tax);
/// P-G1 INEFF-2 (started, not producing, agreed completion 2024-06-30 passed); P-N1 INEFF-3 and
/// INEFF-5 (deregistered holder, 100 yuan tax a year).
final class ListFixture {
    let county: CountyFixture
    let out: TemporaryDirectory
    var db: TestDatabase { county.db }
    var folder: TemporaryDirectory { county.folder }
    var connection: Connection { county.connection }

    static func code(_ n: Int) -> String { CountyFixture.code(n) }

    static let firms: [String: Int] = [
        "F1": 1, "F2": 2, "F3": 3, "F4": 4, "F5": 5, "F6": 6, "F7": 7, "F8": 8, "F9": 9, "F10": 10,
        "B1": 11, "G1": 13, "N1": 14,
    ]
    static func uscc(_ firm: String) -> String { code(firms[firm]!) }
    static func region(_ firm: String) -> String {
        firm.hasPrefix("F") && firms[firm]! >= 6 ? "320102" : "320101"
    }

    static var defaultProfile: PolicyProfile { CountyFixture.defaultProfile }

    /// The default profile with some text replaced.
    static func profile(replacing pairs: [(String, String)]) throws -> PolicyProfile {
        try CountyFixture.profile(replacing: pairs)
    }

    /// - Parameters:
    ///   - evaluate: grade 2022–2024 (published) and flag as of 2025-02-01.
    init(evaluate: Bool = true) throws {
        county = try CountyFixture()
        out = try TemporaryDirectory()

        var registry = "uscc,name,status,industry_code,region_code,above_scale\n"
        for (firm, _) in ListFixture.firms.sorted(by: { $0.value < $1.value }) {
            let above = firm.hasPrefix("F") || firm == "N1"
            registry += "\(ListFixture.uscc(firm)),企业\(firm),\(firm == "N1" ? "注销" : "存续"),C3311,"
                + "\(ListFixture.region(firm)),\(above ? "是" : "否")\n"
        }
        try load(.registry, "registry_2024-12-31.csv", registry)
        try load(.parcels, "parcels_2024-12-31.csv", ListFixture.parcels(started: []))
        try load(.accounts, "accounts_2024-12-31.csv",
                 "utility,account_no,uscc,account_name\n"
                 + "水,5001,\(ListFixture.uscc("F1")),水F1\n"
                 + "水,5002,\(ListFixture.uscc("F2")),水F2\n"
                 + "水,5010,\(ListFixture.uscc("F10")),水F10\n")

        // The grading county's yearly tax × 100 (docs/grading.md), sales and kWh (nil: no power
        // account), all paid in January; other months carry zero rows so that every month is known.
        let yearly = GradingFixture.yearly.filter { ListFixture.firms[$0.firm] != nil }
            .map { ($0.firm, String($0.tax * 100), $0.sales, $0.kwh) }
        var tax = "uscc,period,vat,sales_revenue\n"
        var power = "account_no,uscc,account_name,period,kwh\n"
        for month in monthRange(from: "2022-01", to: "2025-03") {
            let january = month.hasSuffix("-01") && month < "2025"
            for (firm, t, r, e) in yearly {
                if month < "2025" {
                    tax += "\(ListFixture.uscc(firm)),\(month),\(january ? t : "0"),\(january ? r : "0")\n"
                }
                if let e {
                    let n = ListFixture.firms[firm]!
                    power += "\(100 + n),\(ListFixture.uscc(firm)),企业\(firm),\(month),\(january ? e : "0")\n"
                    if firm == "F1" {
                        power += "201,\(ListFixture.uscc(firm)),企业F1二车间,\(month),0\n"
                    }
                }
            }
        }
        try load(.tax, "tax_2024-12-31.csv", tax)
        try load(.power, "power_2025-03-31.csv", power)

        if evaluate {
            let evaluator = Evaluator(connection: connection)
            for year in 2022...2024 {
                // Edition 1's direct publication, dated 1 January of the next year: the grades take
                // effect then (procedure.md §2), as edition 1 dated them.
                _ = try evaluator.evaluate(year: year, policy: ListFixture.defaultProfile, publish: true, madeBy: "test",
                                           today: CalendarDay(year: year + 1, month: 1, day: 1)!)
            }
            try flag(asOf: "2025-02-01")
        }
    }

    /// The parcels extract; the idle parcels named in `started` have started on 2025-03-10.
    static func parcels(started: Set<String>) -> String {
        var text = "parcel_id,cert_no,holder_uscc,region_code,land_use,area_m2,supplied_on,agreed_start_on,actual_start_on,"
            + "production_start_on,agreed_completion_on,idle_cause,determination_no\n"
        func parcel(_ id: String, _ firm: String, _ area: String, supplied: String = "2015-01-01",
                    agreedStart: String = "2015-06-01", startedOn: String = "2015-07-01",
                    production: String = "2016-01-01", completion: String = "2016-06-01", cause: String = "",
                    determination: String = "") {
            let actual = started.contains(id) ? "2025-03-10" : startedOn
            text += "\(id),证\(id),\(uscc(firm)),\(region(firm)),工业,\(area),\(supplied),\(agreedStart),\(actual),"
                + "\(production),\(completion),\(cause),\(determination)\n"
        }
        for i in 1...10 { parcel("P-F\(i)", "F\(i)", "10000") }
        parcel("P-F1-idle", "F1", "5000", supplied: "2021-01-01", agreedStart: "2021-06-01", startedOn: "",
               production: "", completion: "", cause: "企业", determination: "闲认〔2024〕1号")
        parcel("P-F10-idle", "F10", "5000", supplied: "2022-01-01", agreedStart: "2022-06-01", startedOn: "",
               production: "", completion: "", cause: "企业")
        parcel("P-F8-idle", "F8", "5000", supplied: "2022-01-01", agreedStart: "2022-06-01", startedOn: "",
               production: "", completion: "", cause: "政府")
        parcel("P-B1", "B1", "2000")
        parcel("P-G1", "G1", "2000", startedOn: "2020-03-01", production: "", completion: "2024-06-30")
        parcel("P-N1", "N1", "10000")
        return text
    }

    func load(_ kind: ExtractKind, _ name: String, _ text: String) throws {
        try county.loadClean(kind, name, text, today: "2025-03-31")
    }

    @discardableResult
    func flag(asOf: String) throws -> FlagRunSummary {
        try FlagRun(connection: connection).run(asOf: CalendarDay(asOf)!, policy: ListFixture.defaultProfile, madeBy: "test")
    }

    /// A fresh exporter on its own connection (as a separate `mujun export` would be).
    func exporter() throws -> ListExporter {
        ListExporter(connection: try db.connect(applicationName: "mujun export test"))
    }

    @discardableResult
    func export(_ lists: [PolicyList] = PolicyList.allCases, date: String, to out: URL? = nil,
                encoding: ListEncoding = .utf8BOM, policy: PolicyProfile = ListFixture.defaultProfile) throws -> [ListExportSummary] {
        try exporter().export(lists, date: CalendarDay(date)!, to: out ?? self.out.url, encoding: encoding, policy: policy,
                              generatorVersion: "mujun test", madeBy: "test")
    }

    /// A file of an export as text (UTF-8, BOM removed).
    func text(_ list: PolicyList, _ date: String, _ name: String, in root: URL? = nil) throws -> String {
        var data = try Data(contentsOf: file(list, date, name, in: root))
        if data.starts(with: ListEncoding.byteOrderMark) { data.removeFirst(3) }
        return String(decoding: data, as: UTF8.self)
    }

    func file(_ list: PolicyList, _ date: String, _ name: String, in root: URL? = nil) -> URL {
        (root ?? out.url).appendingPathComponent(list.rawValue).appendingPathComponent(date).appendingPathComponent(name)
    }

    func strings(_ sql: String, _ parameters: [any SQLParameter] = []) throws -> [String] {
        try county.strings(sql, parameters)
    }
}
