import Foundation
import MujunCore
import MujunDatabase
import MujunGrading
import MujunIngest
import MujunPolicy

/// A small county for edition-2 grading (spec indicators.md): each test lists its firms with
/// their land, tax, sales, power and statistics, and grades them under a profile written from
/// the spec's `policy-default-ed2.yaml` with its grading block replaced. Every extract goes
/// through the real loader.
public final class Edition2County: @unchecked Sendable {
    public struct Firm: Sendable {
        public var name: String
        public var above = true
        public var industry = "C3411"
        public var status = "存续"
        public var landM2 = "10000"
        /// Tax and sales of the year, yuan (January; the other months 0).
        public var tax: String
        public var sales = "0"
        /// Power of the year in kWh; nil: no power account at all (E unknown).
        public var kwh: String?
        /// The statistics row's columns (value_added, revenue, …); nil: no row.
        public var statistics: [String: String]?

        public init(_ name: String, above: Bool = true, industry: String = "C3411", status: String = "存续",
                    landM2: String = "10000", tax: String, sales: String = "0", kwh: String? = nil,
                    statistics: [String: String]? = nil) {
            self.name = name
            self.above = above
            self.industry = industry
            self.status = status
            self.landM2 = landM2
            self.tax = tax
            self.sales = sales
            self.kwh = kwh
            self.statistics = statistics
        }
    }

    public static let statisticsColumns = ["value_added", "revenue", "output_value", "rd_expense", "employees_avg",
                                           "energy_tce", "emissions_t", "tech_investment"]

    public let county: CountyFixture
    public let firms: [Firm]
    public var connection: Connection { county.connection }

    /// `taxFactor` scales each year's tax (e.g. [2023: "0.5"]) so years differ.
    public init(_ firms: [Firm], years: [Int] = [2024], taxFactor: [Int: Decimal] = [:]) throws {
        county = try CountyFixture()
        self.firms = firms
        var registry = "uscc,name,status,industry_code,region_code,above_scale\n"
        var parcels = "parcel_id,holder_uscc,region_code,land_use,area_m2,supplied_on,agreed_start_on,actual_start_on,"
            + "production_start_on,agreed_completion_on\n"
        for (i, f) in firms.enumerated() {
            registry += "\(uscc(f.name)),企业\(f.name),\(f.status),\(f.industry),320101,\(f.above ? "是" : "否")\n"
            parcels += "P-\(f.name),\(uscc(f.name)),320101,工业,\(f.landM2),2015-01-01,2015-06-01,2015-07-01,2016-01-01,2016-06-01\n"
            _ = i
        }
        try county.loadClean(.registry, "registry_2024-12-31.csv", registry, today: "2025-01-15")
        try county.loadClean(.parcels, "parcels_2024-12-31.csv", parcels, today: "2025-01-15")
        for year in years {
            var tax = "uscc,period,vat,sales_revenue\n"
            var power = "account_no,uscc,account_name,period,kwh\n"
            var statistics = "uscc,year," + Edition2County.statisticsColumns.joined(separator: ",") + "\n"
            for (i, f) in firms.enumerated() {
                let t = taxFactor[year].map { NSDecimalNumber(decimal: Decimal(string: f.tax)! * $0).stringValue } ?? f.tax
                for month in 1...12 {
                    let period = "\(year)-\(String(format: "%02d", month))"
                    tax += "\(uscc(f.name)),\(period),\(month == 1 ? t : "0"),\(month == 1 ? f.sales : "0")\n"
                    if let kwh = f.kwh {
                        power += "\(1000 + i),\(uscc(f.name)),企业\(f.name),\(period),\(month == 1 ? kwh : "0")\n"
                    }
                }
                if let row = f.statistics {
                    statistics += "\(uscc(f.name)),\(year),"
                        + Edition2County.statisticsColumns.map { row[$0] ?? "" }.joined(separator: ",") + "\n"
                }
            }
            try county.loadClean(.tax, "tax_\(year)-12-31.csv", tax, today: "2025-01-15")
            try county.loadClean(.power, "power_\(year)-12-31.csv", power, today: "2025-01-15")
            if firms.contains(where: { $0.statistics != nil }) {
                try county.loadClean(.statistics, "statistics_\(year)-12-31.csv", statistics, today: "2025-01-15")
            }
        }
    }

    public func uscc(_ name: String) -> String {
        CountyFixture.code(firms.firstIndex { $0.name == name }! + 1)
    }

    /// The spec's edition-2 default with its `indicators:` block (above and below) replaced and
    /// other text replaced as given; each replaced text must be there.
    public static func profile(above: String, below: String = "      tax_per_mu:   {weight: 100}",
                               replacing pairs: [(String, String)] = []) throws -> PolicyProfile {
        let url = MujunBinary.packageRoot.appendingPathComponent("../shared/spec/policy-default-ed2.yaml")
        var yaml = try String(contentsOf: url, encoding: .utf8)
        let block = """
                above:
                  tax_per_mu:   {weight: 45}   # keys of indicators.md §3: method, benchmark, benchmark_basis, cap, floor, missing
                  sales_per_mu: {weight: 35}
                  tax_per_kwh:  {weight: 20}
                below:
                  tax_per_mu:   {weight: 60}
                  sales_per_mu: {weight: 40}
            """
        guard yaml.contains(block) else { throw FixtureError("policy-default-ed2.yaml's indicators changed") }
        yaml = yaml.replacingOccurrences(of: block, with: "    above:\n\(above)\n    below:\n\(below)")
        for (from, to) in pairs {
            guard yaml.contains(from) else { throw FixtureError("policy-default-ed2.yaml has no \"\(from)\"") }
            yaml = yaml.replacingOccurrences(of: from, with: to)
        }
        return try PolicyProfile(yaml: yaml, source: "edition2-test.yaml")
    }

    public func evaluate(_ profile: PolicyProfile) throws -> EvaluationSummary { try evaluate(2024, profile) }

    /// Grades `year`; `publish` is edition 1's direct publication, dated `today`, by default 1
    /// January of the next year, so that its grades take effect then (procedure.md §2).
    public func evaluate(_ year: Int, _ profile: PolicyProfile, publish: Bool = false,
                         today: CalendarDay? = nil) throws -> EvaluationSummary {
        try Evaluator(connection: connection).evaluate(year: year, policy: profile, publish: publish, madeBy: "test",
                                                       today: today ?? CalendarDay(year: year + 1, month: 1, day: 1)!)
    }

    /// "grade computed score rank size cohort reasons" per firm name ("-" for empty values).
    public func rows(_ run: Int64) throws -> [String: String] {
        let r = try connection.execute("""
            SELECT uscc, grade, computed_grade, coalesce(score::text, '-'), coalesce(rank::text, '-'),
                   coalesce(cohort_size::text, '-'), coalesce(cohort, '-'), reasons
            FROM runs.enterprise_grades WHERE run_id = $1
            """, [Int(run)])
        let byCode = Dictionary(uniqueKeysWithValues: firms.map { (uscc($0.name), $0.name) })
        var out: [String: String] = [:]
        for i in 0..<r.rowCount {
            out[byCode[r.string(i, 0)!]!] = (1...7).map { r.string(i, $0) ?? "∅" }.joined(separator: " ")
        }
        return out
    }
}
