import Foundation
import MujunCore
import MujunDatabase
import MujunIngest
import MujunPolicy

/// The worked example of docs/grading.md: a small county whose grades are worked out by hand
/// in MujunGradingTests/GradingTests.swift, and whose report MujunReportTests reads.
///
/// Ten above-scale manufacturers F1…F10 form one cohort; B1, G1 the below-scale cohort; B2, N1,
/// N2, T1, T2 are out of scope or exempt. Each firm pays its whole year's tax and sales in
/// January (other months carry zero rows, so every month is known), and its kWh likewise.
public struct GradingFixture {
    public let county: CountyFixture
    public var db: TestDatabase { county.db }
    public var folder: TemporaryDirectory { county.folder }
    public var connection: Connection { county.connection }

    public static func code(_ n: Int) -> String { CountyFixture.code(n) }

    public static let firms: [String: Int] = [
        "F1": 1, "F2": 2, "F3": 3, "F4": 4, "F5": 5, "F6": 6, "F7": 7, "F8": 8, "F9": 9, "F10": 10,
        "B1": 11, "B2": 12, "G1": 13, "N1": 14, "N2": 15, "T1": 16, "T2": 17,
    ]
    public static func uscc(_ firm: String) -> String { code(firms[firm]!) }

    public static var defaultProfile: PolicyProfile { CountyFixture.defaultProfile }
    /// zhejiang-jindong with edition 1's land rules, like `defaultProfile`.
    public static var zhejiangProfile: PolicyProfile {
        let url = MujunBinary.packageRoot.appendingPathComponent("jobs/policies/zhejiang-jindong.yaml")
        return try! PolicyProfile(yaml: CountyFixture.edition1Land(try! String(contentsOf: url, encoding: .utf8)),
                                  source: "zhejiang-jindong.yaml")
    }

    /// Yearly tax T, sales R (yuan) and kWh E per firm (nil E: no power account).
    public static let yearly: [(firm: String, tax: Int, sales: String, kwh: String?)] = [
        ("F1", -15000, "1500000", "15000"), ("F2", 30000, "1500000", "30000"),
        ("F3", 45000, "1500000", "45000"), ("F4", 60000, "1500000", "60000"),
        ("F5", 75000, "1500000", "75000"), ("F6", 90000, "1500000", "90000"),
        ("F7", 105000, "1500000", "105000"), ("F8", 202500, "2250000", "202500"),
        ("F9", 135000, "1500000", "135000"), ("F10", 247500, "22500000", nil),
        ("B1", 3000, "300000", nil), ("G1", 1500, "0", "150"),
        ("B2", 100, "100", nil), ("N1", 100, "100", nil), ("T1", 100, "100", nil), ("T2", 100, "100", nil),
    ]

    public init(years: [Int] = [2024]) throws {
        county = try CountyFixture()

        var registry = "uscc,name,status,industry_code,region_code,above_scale\n"
        for (firm, _) in GradingFixture.firms.sorted(by: { $0.value < $1.value }) {
            let above = firm.hasPrefix("F") || firm.hasPrefix("T") || firm == "N1" || firm == "N2"
            let status = firm == "N1" ? "注销" : "存续"
            registry += "\(GradingFixture.uscc(firm)),企业\(firm),\(status),C3311,320101,\(above ? "是" : "否")\n"
        }
        try load(.registry, "registry_2024-12-31.csv", registry)

        // parcel: firm, area m², production start, actual start, agreed completion, agreed start, supplied, idle cause
        let header = "parcel_id,holder_uscc,region_code,land_use,area_m2,supplied_on,agreed_start_on,actual_start_on,"
            + "production_start_on,agreed_completion_on,idle_cause"
        var parcels = header + "\n"
        func parcel(_ id: String, _ firm: String, _ area: String, supplied: String = "2015-01-01",
                    agreedStart: String = "2015-06-01", started: String = "2015-07-01",
                    production: String = "2016-01-01", completion: String = "2016-06-01", cause: String = "") {
            parcels += "\(id),\(GradingFixture.uscc(firm)),320101,工业,\(area),\(supplied),\(agreedStart),\(started),"
                + "\(production),\(completion),\(cause)\n"
        }
        for i in 1...10 { parcel("P-F\(i)", "F\(i)", "10000") }
        // Idle since 2022-06-01 (not started, agreed start + 1 year ≤ 2024-12-31): F10's is the
        // enterprise's fault (veto), F8's the government's (no veto). Both count in L.
        parcel("P-F10-idle", "F10", "5000", supplied: "2022-01-01", agreedStart: "2022-06-01", started: "",
               production: "", completion: "", cause: "企业")
        parcel("P-F8-idle", "F8", "5000", supplied: "2022-01-01", agreedStart: "2022-06-01", started: "",
               production: "", completion: "", cause: "政府")
        parcel("P-B1", "B1", "2000")                     // exactly 3 mu: graded
        parcel("P-B2", "B2", "1999.99")                  // just under 3 mu: N below_min_land
        parcel("P-G1", "G1", "2000", started: "2020-03-01", production: "", completion: "2024-06-30")  // overdue: graded
        parcel("P-N1", "N1", "10000")
        parcel("P-T1", "T1", "10000", started: "2023-03-01", production: "", completion: "2025-06-30")
        parcel("P-T2", "T2", "10000", production: "2023-06-01", completion: "2023-06-01")
        try load(.parcels, "parcels_2024-12-31.csv", parcels)

        for year in years {
            var tax = "uscc,period,vat,sales_revenue\n"
            var power = "account_no,uscc,account_name,period,kwh\n"
            for (firm, t, r, e) in GradingFixture.yearly {
                for month in 1...12 {
                    let period = "\(year)-\(String(format: "%02d", month))"
                    tax += "\(GradingFixture.uscc(firm)),\(period),\(month == 1 ? String(t) : "0"),\(month == 1 ? r : "0")\n"
                    if let e {
                        power += "\(100 + GradingFixture.firms[firm]!),\(GradingFixture.uscc(firm)),企业\(firm),\(period),\(month == 1 ? e : "0")\n"
                    }
                }
            }
            try load(.tax, "tax_\(year)-12-31.csv", tax)
            try load(.power, "power_\(year)-12-31.csv", power)
        }
    }

    public func load(_ kind: ExtractKind, _ name: String, _ text: String) throws {
        try county.loadClean(kind, name, text, today: "2025-01-15")
    }

    /// "FIRM grade computed score rank/size reasons" for each firm of a run, in firm order.
    public func rows(_ run: Int64) throws -> [String: String] {
        let r = try connection.execute("""
            SELECT uscc, grade, computed_grade, coalesce(score::text, '-'), coalesce(rank::text, '-'),
                   coalesce(cohort_size::text, '-'), coalesce(cohort, '-'), reasons, consecutive_d_years
            FROM runs.enterprise_grades WHERE run_id = $1
            """, [Int(run)])
        let byCode = Dictionary(uniqueKeysWithValues: GradingFixture.firms.map { (GradingFixture.uscc($0.key), $0.key) })
        var out: [String: String] = [:]
        for i in 0..<r.rowCount {
            let firm = byCode[r.string(i, 0)!]!
            out[firm] = (1...8).map { r.string(i, $0) ?? "∅" }.joined(separator: " ")
        }
        return out
    }
}
