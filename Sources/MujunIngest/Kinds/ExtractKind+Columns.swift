import MujunCore

/// What the loader knows of each kind: its columns, keys and tables.
extension ExtractKind {
    /// Columns in the spec table's order, which is also the order in which a row's defects
    /// are looked for (details.md #6).
    public var columns: [ColumnSpec] {
        switch self {
        case .registry:
            return [
                ColumnSpec("uscc", ["统一社会信用代码", "信用代码"], .uscc, required: true),
                ColumnSpec("name", ["企业名称", "名称"], .text, required: true),
                ColumnSpec("legal_rep", ["法定代表人"], .text),
                ColumnSpec("status", ["登记状态", "经营状态"], .registryStatus, required: true),
                ColumnSpec("established_on", ["成立日期"], .date),
                ColumnSpec("industry_code", ["行业代码", "国民经济行业代码"], .industryCode, required: true),
                ColumnSpec("region_code", ["区划代码", "所属镇街代码"], .text, required: true),
                ColumnSpec("region_name", ["所属镇街", "所属园区"], .text),
                ColumnSpec("above_scale", ["是否规上", "规上企业"], .boolean, required: true),
                ColumnSpec("employees", ["从业人员", "从业人数"], .count),
                ColumnSpec("address", ["住所", "地址"], .text),
            ]
        case .tax:
            return [
                ColumnSpec("uscc", ["统一社会信用代码", "纳税人识别号"], .uscc, required: true),
                ColumnSpec("taxpayer_name", ["纳税人名称"], .text),
                ColumnSpec("period", ["所属期", "税款所属期"], .month, required: true),
                ColumnSpec("vat", ["增值税"], .money),
                ColumnSpec("corporate_income_tax", ["企业所得税"], .money),
                ColumnSpec("individual_income_tax", ["个人所得税"], .money),
                ColumnSpec("urban_land_use_tax", ["城镇土地使用税"], .money),
                ColumnSpec("property_tax", ["房产税"], .money),
                ColumnSpec("other_taxes", ["其他税费"], .money),
                ColumnSpec("sales_revenue", ["应税销售收入", "销售收入"], .moneyNonNegative),
            ]
        case .power:
            return [
                ColumnSpec("account_no", ["户号", "用电户号"], .accountDigits, required: true),
                ColumnSpec("uscc", ["统一社会信用代码"], .uscc),
                ColumnSpec("account_name", ["户名", "用电户名"], .text, required: true),
                ColumnSpec("period", ["所属期", "电费年月"], .month, required: true),
                ColumnSpec("kwh", ["用电量", "用电量(千瓦时)"], .kwh, required: true),
            ]
        case .parcels:
            return [
                ColumnSpec("parcel_id", ["宗地代码", "不动产单元号"], .text, required: true),
                ColumnSpec("cert_no", ["不动产权证号", "土地证号"], .text),
                ColumnSpec("holder_uscc", ["土地使用权人信用代码", "统一社会信用代码"], .uscc, required: true),
                ColumnSpec("holder_name", ["土地使用权人"], .text),
                ColumnSpec("region_code", ["区划代码"], .text, required: true),
                ColumnSpec("land_use", ["土地用途"], .text, required: true),
                ColumnSpec("area_m2", ["宗地面积", "宗地面积(平方米)"], .areaPositive, required: true),
                ColumnSpec("supply_method", ["供地方式"], .text),
                ColumnSpec("supplied_on", ["供地日期", "合同签订日期"], .date, required: true),
                ColumnSpec("agreed_start_on", ["约定动工日期"], .date, required: true),
                ColumnSpec("agreed_completion_on", ["约定竣工日期"], .date),
                ColumnSpec("actual_start_on", ["实际动工日期"], .date),
                ColumnSpec("production_start_on", ["投产日期"], .date),
                ColumnSpec("developed_area_m2", ["已开发面积"], .area),
                ColumnSpec("total_investment", ["约定总投资"], .moneyNonNegative),
                ColumnSpec("invested_amount", ["已完成投资"], .moneyNonNegative),
                ColumnSpec("suspended_since", ["停工日期", "中止开发日期"], .date),
                ColumnSpec("land_price", ["土地价款", "出让价款"], .moneyNonNegative),
                ColumnSpec("floor_area_m2", ["建筑面积"], .area),
                ColumnSpec("judicial_seizure", ["司法查封"], .boolean),
                ColumnSpec("idle_cause", ["闲置原因"], .idleCause),
                ColumnSpec("determination_no", ["认定书编号"], .text),
                ColumnSpec("determined_on", ["认定日期"], .date),
                // Edition 2 (details.md #86): the rectification deadline, optional.
                ColumnSpec("rectify_by", ["整改期限", "整改截止日期"], .date),
            ]
        case .statistics:
            // Empty is unknown, never 0 (indicators.md §1); energy and emissions take any number
            // of decimals, like kWh (details.md #102).
            return [
                ColumnSpec("uscc", ["统一社会信用代码"], .uscc, required: true),
                ColumnSpec("year", ["年份", "统计年度"], .year, required: true),
                ColumnSpec("enterprise_name", ["企业名称"], .text),
                ColumnSpec("value_added", ["工业增加值"], .money),
                ColumnSpec("revenue", ["营业收入", "主营业务收入"], .moneyNonNegative),
                ColumnSpec("output_value", ["工业总产值"], .moneyNonNegative),
                ColumnSpec("rd_expense", ["研发经费支出", "R&D经费支出"], .moneyNonNegative),
                ColumnSpec("employees_avg", ["年平均从业人员", "从业人员平均人数"], .count),
                ColumnSpec("energy_tce", ["综合能耗", "综合能源消费量(吨标准煤)"], .kwh),
                ColumnSpec("emissions_t", ["主要污染物排放量", "排放当量(吨)"], .kwh),
                ColumnSpec("tech_investment", ["技改投资", "技术改造投资"], .moneyNonNegative),
            ]
        case .accounts:
            return [
                ColumnSpec("utility", ["类型"], .utility, required: true),
                ColumnSpec("account_no", ["户号"], .text, required: true),
                ColumnSpec("uscc", ["统一社会信用代码"], .uscc, required: true),
                ColumnSpec("account_name", ["户名"], .text),
            ]
        }
    }

    /// Columns whose normalised values identify a row; a second row of one file with the same
    /// key is `duplicate_key` (details.md #17). The first is reported as the reject's column.
    public var keyColumns: [String] {
        switch self {
        case .registry: return ["uscc"]
        case .tax: return ["uscc", "period"]
        case .power: return ["account_no", "period"]
        case .parcels: return ["parcel_id"]
        case .accounts: return ["utility", "account_no"]
        case .statistics: return ["uscc", "year"]
        }
    }

    /// The amount columns of a tax row: a row with all of them empty is `missing_required`
    /// (spec extracts.md `tax`; details.md #15: all seven, sales included).
    static let taxAmountColumns: Set<String> = [
        "vat", "corporate_income_tax", "individual_income_tax", "urban_land_use_tax",
        "property_tax", "other_taxes", "sales_revenue",
    ]

    /// The value columns of a statistics row: a row with all eight empty is `missing_required`
    /// (indicators.md §1; details.md #102: `enterprise_name` aside).
    static let statisticsValueColumns: Set<String> = [
        "value_added", "revenue", "output_value", "rd_expense", "employees_avg", "energy_tce",
        "emissions_t", "tech_investment",
    ]

    /// The columns of which at least one must be given, if the kind has such a rule.
    var allEmptyColumns: Set<String> {
        switch self {
        case .tax: return ExtractKind.taxAmountColumns
        case .statistics: return ExtractKind.statisticsValueColumns
        default: return []
        }
    }

    /// The batch's own table in staging (the batch id is an integer we generated, the kind a
    /// closed enum: nothing from a file reaches an identifier).
    public func stagingTable(batchID: Int64) -> String {
        "staging.\(rawValue)_b\(batchID)"
    }

    /// A normalised-name column computed while loading, for linking power accounts by name
    /// (details.md #24): (source column, stored column).
    var normalisedNameColumn: (source: String, stored: String)? {
        switch self {
        case .registry: return ("name", "name_norm")
        case .power: return ("account_name", "account_name_norm")
        default: return nil
        }
    }
}
