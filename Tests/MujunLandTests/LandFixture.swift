import Foundation
import MujunCore
import MujunDatabase
import MujunIngest
import MujunLand
import MujunPolicy
import MujunTestSupport

/// A small county written as extracts and loaded through the real `BatchLoader`, whose flags
/// are worked out by hand in the tests.
///
/// Enterprises are named by a short key (`"I1a"`, `"Z24"`…); each gets a valid credit code, a
/// registry row (unless `registered` is false), a power account `88000NN` linked by its uscc
/// and monthly power and tax rows, all overridable. Parcels default to a clean, producing
/// factory of 2000 m² (3 mu) held by the enterprise of the same key.
final class LandFixture {
    let county: CountyFixture
    var db: TestDatabase { county.db }
    var connection: Connection { county.connection }

    struct Enterprise {
        var key: String
        var number: Int
        var status = "存续"
        var industry = "C3311"
        var region = "320101"
        var registered = true
        /// kWh per month "YYYY-MM"; nil: no row that month. nil function: no account at all.
        var power: ((String) -> String?)? = { _ in "1000" }
        /// A second power account `88100NN`, with kWh per month; nil: none.
        var secondPower: ((String) -> String?)? = nil
        /// (vat, urban_land_use_tax, property_tax) per month; nil: no row.
        var tax: (String) -> (String, String, String)? = { _ in ("20000", "", "") }
        var uscc: String { LandFixture.code(number) }
        var account: String { String(format: "88000%02d", number) }
    }

    struct Parcel {
        var id: String
        var holder: String
        var region = "320101"
        var landUse = "工业"
        var area = "2000"
        var supplied = "2015-01-01"
        var agreedStart = "2015-06-01"
        var agreedCompletion = "2016-06-01"
        var actualStart = "2015-07-01"
        var production = "2016-01-01"
        /// nil: equal to the area.
        var developed: String? = nil
        var totalInvestment = "1000000"
        var invested = "1000000"
        var suspended = ""
        var landPrice = ""
        /// nil: twice the area (plot ratio 2).
        var floor: String? = nil
        var seized = "N"
        var cause = ""
        var holderName = ""
    }

    var enterprises: [String: Enterprise] = [:]
    var parcels: [Parcel] = []
    /// Rows of the accounts extract: (account_no, holder key).
    var accountMappings: [(String, String)] = []
    /// The months the power and tax extracts cover.
    var powerMonths = monthRange(from: "2023-01", to: "2025-12")
    var taxMonths = monthRange(from: "2023-01", to: "2025-12")

    init() throws {
        county = try CountyFixture()
    }

    static func code(_ n: Int) -> String { CountyFixture.code(n, block: 1) }

    static func month(_ m: String, in from: String, _ to: String) -> Bool { m >= from && m <= to }

    @discardableResult
    func enterprise(_ key: String, _ configure: (inout Enterprise) -> Void = { _ in }) -> String {
        var e = enterprises[key] ?? Enterprise(key: key, number: enterprises.count + 1)
        configure(&e)
        enterprises[key] = e
        return e.uscc
    }

    /// Adds a parcel (and its holder, if new) and returns its id.
    @discardableResult
    func parcel(_ id: String, holder: String? = nil, _ configure: (inout Parcel) -> Void = { _ in }) -> String {
        let key = holder ?? id
        if enterprises[key] == nil { enterprise(key) }
        var p = Parcel(id: id, holder: key)
        configure(&p)
        parcels.removeAll { $0.id == id }
        parcels.append(p)
        return id
    }

    func uscc(_ key: String) -> String { enterprises[key]!.uscc }

    // MARK: Extracts

    func registryCSV() -> String {
        var text = "uscc,name,status,industry_code,region_code,above_scale\n"
        for e in enterprises.values.sorted(by: { $0.number < $1.number }) where e.registered {
            text += "\(e.uscc),企业\(e.key),\(e.status),\(e.industry),\(e.region),是\n"
        }
        return text
    }

    func parcelsCSV() -> String {
        var text = "parcel_id,cert_no,holder_uscc,holder_name,region_code,land_use,area_m2,supplied_on,agreed_start_on,"
            + "agreed_completion_on,actual_start_on,production_start_on,developed_area_m2,total_investment,invested_amount,"
            + "suspended_since,land_price,floor_area_m2,judicial_seizure,idle_cause\n"
        for p in parcels {
            let area = Decimal(string: p.area)!
            let floor = p.floor ?? "\(area * 2)"
            let fields = [p.id, "CERT-\(p.id)", uscc(p.holder), p.holderName, p.region, p.landUse, p.area, p.supplied,
                          p.agreedStart, p.agreedCompletion, p.actualStart, p.production, p.developed ?? p.area,
                          p.totalInvestment, p.invested, p.suspended, p.landPrice, floor, p.seized, p.cause]
            text += fields.joined(separator: ",") + "\n"
        }
        return text
    }

    func powerCSV() -> String {
        var text = "account_no,uscc,account_name,period,kwh\n"
        for e in enterprises.values.sorted(by: { $0.number < $1.number }) {
            if let power = e.power {
                for month in powerMonths {
                    if let kwh = power(month) { text += "\(e.account),\(e.uscc),企业\(e.key),\(month),\(kwh)\n" }
                }
            }
            if let power = e.secondPower {
                let account = String(format: "88100%02d", e.number)
                for month in powerMonths {
                    if let kwh = power(month) { text += "\(account),\(e.uscc),企业\(e.key)二厂,\(month),\(kwh)\n" }
                }
            }
        }
        return text
    }

    func taxCSV() -> String {
        var text = "uscc,period,vat,urban_land_use_tax,property_tax\n"
        for e in enterprises.values.sorted(by: { $0.number < $1.number }) {
            for month in taxMonths {
                if let (vat, land, property) = e.tax(month) { text += "\(e.uscc),\(month),\(vat),\(land),\(property)\n" }
            }
        }
        return text
    }

    func accountsCSV() -> String {
        "utility,account_no,uscc,account_name\n"
            + accountMappings.map { "电,\($0.0),\(uscc($0.1)),户\($0.1)\n" }.joined()
    }

    /// Writes and loads every extract with as-of date `asOf` (in the file names). Every row
    /// must load: a fixture with a rejected row is a broken test.
    func load(asOf: String = "2025-12-31", kinds: [ExtractKind] = [.registry, .parcels, .accounts, .tax, .power]) throws {
        for kind in kinds {
            let text: String
            switch kind {
            case .registry: text = registryCSV()
            case .parcels: text = parcelsCSV()
            case .accounts:
                if accountMappings.isEmpty { continue }
                text = accountsCSV()
            case .tax: text = taxCSV()
            case .power: text = powerCSV()
            case .statistics: continue   // land rules read no statistics
            }
            try county.loadClean(kind, "\(kind.rawValue)_\(asOf).csv", text, today: asOf)
        }
    }

    // MARK: Runs and results

    static let defaultProfile = CountyFixture.defaultProfile

    /// The default profile with some text replaced (e.g. another prohibited-industries list).
    static func profile(replacing pairs: [(String, String)]) throws -> PolicyProfile {
        try CountyFixture.profile(replacing: pairs)
    }

    @discardableResult
    func flag(asOf: String, policy: PolicyProfile = LandFixture.defaultProfile) throws -> FlagRunSummary {
        try FlagRun(connection: connection).run(asOf: CalendarDay(asOf)!, policy: policy, madeBy: "test")
    }

    /// The run's rows as "parcel code", sorted.
    func flags(_ run: Int64) throws -> [String] {
        try strings("SELECT parcel_id || ' ' || flag_code FROM runs.parcel_flags WHERE run_id = $1 ORDER BY 1", [Int(run)])
    }

    /// One value of one row of a run.
    func value(_ run: Int64, _ parcel: String, _ code: String, _ expression: String) throws -> String? {
        let r = try connection.execute("""
            SELECT \(expression) FROM runs.parcel_flags WHERE run_id = $1 AND parcel_id = $2 AND flag_code = $3
            """, [Int(run), parcel, code])
        guard r.rowCount == 1 else { throw FixtureError("no row \(parcel) \(code) in run \(run)") }
        return r.string(0, 0)
    }

    func strings(_ sql: String, _ parameters: [any SQLParameter] = []) throws -> [String] {
        try county.strings(sql, parameters)
    }

    func scalar(_ sql: String, _ parameters: [any SQLParameter] = []) throws -> String? {
        try county.scalar(sql, parameters)
    }
}
