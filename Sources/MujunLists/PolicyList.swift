import MujunPolicy

/// The differential-policy lists (差别化政策清单, spec lists.md, procedure.md §3–§4): who receives
/// each, what one row is, its columns, and the SQL of `sql/lists/` that chooses its rows.
///
/// Five are built in; a profile adds enterprise consequence lists by name under
/// `lists.enterprise_lists` (procedure.md §4: `land-bidding`, `finance-notice`,
/// `incentive-suspension` in the default profile), one row per enterprise.
public struct PolicyList: Sendable, Hashable, Codable, RawRepresentable, CustomStringConvertible {
    public let rawValue: String
    /// Whether the list is one of a profile's enterprise lists.
    public let isEnterpriseList: Bool

    /// A built-in list by name, or nil.
    public init?(rawValue: String) {
        guard PolicyList.builtIn.contains(where: { $0.rawValue == rawValue }) else { return nil }
        self.init(rawValue, enterprise: false)
    }

    private init(_ name: String, enterprise: Bool) {
        rawValue = name
        isEnterpriseList = enterprise
    }

    /// 差别电价清单, for the power company: one row per power account of a listed enterprise.
    public static let electricity = PolicyList("electricity", enterprise: false)
    /// 差别水价清单, for the water utility: one row per water account of a listed enterprise.
    public static let water = PolicyList("water", enterprise: false)
    /// 差别气价清单, for the gas company: the water list's twin (procedure.md §4; details.md #107).
    public static let gas = PolicyList("gas", enterprise: false)
    /// 暂停不动产登记清单, for the real-estate registration centre: one row per flagged parcel.
    public static let mortgageFreeze = PolicyList("mortgage-freeze", enterprise: false)
    /// 核查清单, for the natural-resources bureau and the townships: one row per flagged parcel
    /// not yet determined (认定) by the list date (procedure.md §3).
    public static let verification = PolicyList("verification", enterprise: false)

    /// The built-in lists, in `export all` order.
    public static let builtIn: [PolicyList] = [.electricity, .water, .gas, .mortgageFreeze, .verification]
    /// The built-in lists (kept for callers that iterate them).
    public static var allCases: [PolicyList] { builtIn }

    /// The enterprise lists `profile` defines, in the profile's order.
    public static func enterpriseLists(of profile: PolicyProfile) -> [PolicyList] {
        guard case .map(let pairs)? = profile.value(at: ["lists", "enterprise_lists"]) else { return [] }
        return pairs.map { PolicyList($0.0, enterprise: true) }
    }

    /// Every list of `profile`: the built-in ones, then its enterprise lists (details.md #128).
    public static func all(of profile: PolicyProfile) -> [PolicyList] {
        builtIn + enterpriseLists(of: profile)
    }

    /// A list by name under `profile`: built in or one of its enterprise lists.
    public static func named(_ name: String, in profile: PolicyProfile) -> PolicyList? {
        all(of: profile).first { $0.rawValue == name }
    }

    public var description: String { rawValue }

    public init(from decoder: Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        self.init(name, enterprise: PolicyList(rawValue: name) == nil)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }

    /// The list's CSV file name, e.g. `electricity.csv`.
    public var fileName: String { rawValue + ".csv" }

    /// Whether rows are utility accounts of enterprises (and enterprises without one are written
    /// to `no_account.csv`, details.md #64).
    public var isPerAccount: Bool { self == .electricity || self == .water || self == .gas }

    /// Whether rows are parcels (mortgage-freeze, verification).
    var isPerParcel: Bool { self == .mortgageFreeze || self == .verification }

    /// The rule files run in this order in the export's transaction (`sql/lists/`).
    var sqlFiles: [String] {
        if isEnterpriseList { return ["context.sql", "flagged_parcels.sql", "enterprise_list.sql"] }
        if isPerAccount {
            return ["context.sql", "flagged_parcels.sql", "surcharged_enterprises.sql",
                    rawValue + ".sql", "per_account_rows.sql"]
        }
        return ["context.sql", "flagged_parcels.sql", rawValue.replacingOccurrences(of: "-", with: "_") + ".sql"]
    }

    /// The surcharge column: yuan per kWh or per m³.
    var surchargeColumn: ListColumn {
        self == .water || self == .gas ? ListColumn("加价(元/立方米)", "surcharge_yuan_per_m3", "round(r.surcharge, 2)::text")
                       : ListColumn("加价(元/千瓦时)", "surcharge_yuan_per_kwh", "round(r.surcharge, 2)::text")
    }

    /// The columns of `<list>.csv` in the order of spec lists.md "Columns", each with its SQL
    /// expression over `runs.list_rows r` (the file's text: 2 decimals, ISO dates).
    var columns: [ListColumn] {
        if isEnterpriseList {
            // procedure.md §4; headers of details.md #128.
            return [
                .listDate,
                ListColumn("统一社会信用代码", "uscc", "r.uscc"),
                ListColumn("企业名称", "enterprise_name", "r.enterprise_name"),
                ListColumn("区划代码", "region_code", "r.region_code"),
                ListColumn("评价等级", "grade", "r.grade"),
                ListColumn("连续D类年数", "consecutive_d_years", "r.consecutive_d_years::text"),
                ListColumn("认定标志", "flag_codes", "nullif(r.reason_codes, '')"),
                ListColumn("认定书编号", "determination_nos", "r.determination_nos"),
                ListColumn("处置措施", "measures", "r.measures"),
                .effectiveFrom,
                .basis,
            ]
        }
        if isPerAccount {
            return [
                .listDate,
                ListColumn("户号", "account_no", "r.account_no"),
                ListColumn("户名", "account_name", "r.account_name"),
                ListColumn("统一社会信用代码", "uscc", "r.uscc"),
                ListColumn("企业名称", "enterprise_name", "r.enterprise_name"),
                ListColumn("区划代码", "region_code", "r.region_code"),
                ListColumn("评价等级", "grade", "r.grade"),
                ListColumn("原因代码", "reason_codes", "r.reason_codes"),
                surchargeColumn,
                .effectiveFrom,
                .basis,
            ]
        }
        if self == .mortgageFreeze {
            return ListColumn.parcel + [
                ListColumn("认定标志", "flag_codes", "r.reason_codes"),
                ListColumn("认定书编号", "determination_no", "r.determination_no"),
                ListColumn("暂停事项", "frozen_acts", "r.frozen_acts"),
                .effectiveFrom,
                .basis,
            ]
        }
        // verification: procedure.md §3; headers of details.md #128.
        return ListColumn.parcel + [
            ListColumn("疑似标志", "flag_codes", "r.reason_codes"),
            ListColumn("起算日期", "since", "to_char(r.since, 'YYYY-MM-DD')"),
            ListColumn("核查线索", "evidence_summary", "r.evidence_summary"),
            .basis,
        ]
    }

    /// The key column of a row (and of `changes.csv`): the account or the parcel.
    var keyColumn: ListColumn {
        if isEnterpriseList { return ListColumn("统一社会信用代码", "uscc", "r.key") }
        return isPerAccount ? ListColumn("户号", "account_no", "r.key") : ListColumn("宗地代码", "parcel_id", "r.key")
    }

    /// Row order (details.md #49, lists.md): region, then enterprise (or parcel), then account,
    /// by code point.
    var order: String {
        !isPerAccount
            ? #"r.region_code COLLATE "C", r.key COLLATE "C""#   // parcels, or enterprises (key = uscc)
            : #"r.region_code COLLATE "C", r.uscc COLLATE "C", r.key COLLATE "C""#
    }

    /// The columns of `no_account.csv`: the enterprise columns of the list, without an account.
    var noAccountColumns: [ListColumn] {
        columns.filter { $0.english != "account_no" && $0.english != "account_name" }
    }

    /// The columns of `changes.csv` (details.md #65).
    var changeColumns: [ListColumn] {
        // Enterprise lists (details.md #90): flag codes and the grade instead of surcharges.
        if isEnterpriseList {
            return [
                ListColumn("变更", "change", "change"),
                keyColumn,
                ListColumn("认定标志", "flag_codes", "reason_codes"),
                ListColumn("评价等级", "grade", "grade"),
            ]
        }
        return [
            ListColumn("变更", "change", "change"),
            keyColumn,
            ListColumn("统一社会信用代码", "uscc", "uscc"),
            ListColumn("原因代码", "reason_codes", "reason_codes"),
            ListColumn("原加价", "old_surcharge", "old_surcharge"),
            ListColumn("新加价", "new_surcharge", "new_surcharge"),
        ]
    }
}

/// One column of a list file: its bilingual header (`户号 account_no`, details.md #66) and the
/// SQL expression that gives its text.
struct ListColumn: Sendable, Equatable {
    let chinese: String
    let english: String
    let sql: String

    init(_ chinese: String, _ english: String, _ sql: String) {
        self.chinese = chinese
        self.english = english
        self.sql = sql
    }

    var header: String { "\(chinese) \(english)" }

    static let listDate = ListColumn("清单日期", "list_date", "to_char(r.list_date, 'YYYY-MM-DD')")
    static let effectiveFrom = ListColumn("执行日期", "effective_from", "to_char(r.effective_from, 'YYYY-MM-DD')")
    static let basis = ListColumn("依据", "basis", "r.basis")

    /// The first columns of a list of parcels (mortgage-freeze, verification): the date, the
    /// parcel, its holder, township and area.
    static let parcel: [ListColumn] = [
        .listDate,
        ListColumn("宗地代码", "parcel_id", "r.parcel_id"),
        ListColumn("不动产权证号", "cert_no", "r.cert_no"),
        ListColumn("统一社会信用代码", "holder_uscc", "r.uscc"),
        ListColumn("权利人", "holder_name", "r.enterprise_name"),
        ListColumn("区划代码", "region_code", "r.region_code"),
        ListColumn("宗地面积(平方米)", "area_m2", "round(r.area_m2, 2)::text"),
        ListColumn("宗地面积(亩)", "area_mu", "round(r.area_m2 * 15 / 10000, 2)::text"),
    ]
}
