/// The differential-policy lists (差别化政策清单, spec lists.md): who receives each, what one row
/// is, its columns, and the SQL of `sql/lists/` that chooses its rows.
public enum PolicyList: String, Sendable, CaseIterable, Codable {
    /// 差别电价清单, for the power company: one row per power account of a listed enterprise.
    case electricity
    /// 差别水价清单, for the water utility: one row per water account of a listed enterprise.
    case water
    /// 差别气价清单, for the gas company: one row per gas account of a listed enterprise, the
    /// water list's twin (edition 2, procedure.md §4; details.md #107).
    case gas
    /// 暂停不动产登记清单, for the real-estate registration centre: one row per flagged parcel.
    case mortgageFreeze = "mortgage-freeze"
    /// 核查清单, for the natural-resources bureau and the townships: one row per flagged parcel
    /// not yet determined (认定) by the list date (edition 2, procedure.md §3).
    case verification

    /// The list's CSV file name, e.g. `electricity.csv`.
    public var fileName: String { rawValue + ".csv" }

    /// Whether rows are utility accounts of enterprises (and enterprises without one are written
    /// to `no_account.csv`, details.md #64).
    public var isPerAccount: Bool { self == .electricity || self == .water || self == .gas }

    /// The rule files run in this order in the export's transaction (`sql/lists/`).
    var sqlFiles: [String] {
        switch self {
        case .electricity: return ["context.sql", "surcharged_enterprises.sql", "electricity.sql", "per_account_rows.sql"]
        case .water: return ["context.sql", "surcharged_enterprises.sql", "water.sql", "per_account_rows.sql"]
        case .gas: return ["context.sql", "surcharged_enterprises.sql", "gas.sql", "per_account_rows.sql"]
        case .mortgageFreeze: return ["context.sql", "flagged_parcels.sql", "mortgage_freeze.sql"]
        case .verification: return ["context.sql", "flagged_parcels.sql", "verification.sql"]
        }
    }

    /// The surcharge column: yuan per kWh or per m³.
    var surchargeColumn: ListColumn {
        self == .water || self == .gas ? ListColumn("加价(元/立方米)", "surcharge_yuan_per_m3", "round(r.surcharge, 2)::text")
                       : ListColumn("加价(元/千瓦时)", "surcharge_yuan_per_kwh", "round(r.surcharge, 2)::text")
    }

    /// The columns of `<list>.csv` in the order of spec lists.md "Columns", each with its SQL
    /// expression over `runs.list_rows r` (the file's text: 2 decimals, ISO dates).
    var columns: [ListColumn] {
        switch self {
        case .electricity, .water, .gas:
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
        case .mortgageFreeze:
            return ListColumn.parcel + [
                ListColumn("认定标志", "flag_codes", "r.reason_codes"),
                ListColumn("认定书编号", "determination_no", "r.determination_no"),
                ListColumn("暂停事项", "frozen_acts", "r.frozen_acts"),
                .effectiveFrom,
                .basis,
            ]
        case .verification:
            // procedure.md §3; headers of details.md #128.
            return ListColumn.parcel + [
                ListColumn("疑似标志", "flag_codes", "r.reason_codes"),
                ListColumn("起算日期", "since", "to_char(r.since, 'YYYY-MM-DD')"),
                ListColumn("核查线索", "evidence_summary", "r.evidence_summary"),
                .basis,
            ]
        }
    }

    /// The key column of a row (and of `changes.csv`): the account or the parcel.
    var keyColumn: ListColumn {
        isPerAccount ? ListColumn("户号", "account_no", "r.key") : ListColumn("宗地代码", "parcel_id", "r.key")
    }

    /// Row order (details.md #49, lists.md): region, then enterprise (or parcel), then account,
    /// by code point.
    var order: String {
        !isPerAccount
            ? #"r.region_code COLLATE "C", r.key COLLATE "C""#
            : #"r.region_code COLLATE "C", r.uscc COLLATE "C", r.key COLLATE "C""#
    }

    /// The columns of `no_account.csv`: the enterprise columns of the list, without an account.
    var noAccountColumns: [ListColumn] {
        columns.filter { $0.english != "account_no" && $0.english != "account_name" }
    }

    /// The columns of `changes.csv` (details.md #65).
    var changeColumns: [ListColumn] {
        [
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
