import Foundation

/// Writes `tax_<year>-12-31.csv`, one file per year holding its twelve months (spec
/// extracts.md `tax`). The last year uses the canonical English columns and `2024-01`
/// periods; the year before it the tax bureau's own layout (Chinese headers, `202301`
/// periods, amounts with thousands separators in quotes, blank cells for land-use and
/// property tax in the months they are not due, CRLF), and so on alternately. Planted bad
/// rows: a month of a firm sent twice, the second time restated (`duplicate_key`: the first
/// row is kept).
struct TaxExtract {
    let year: Int
    let writer: ExtractWriter
    private(set) var planted: [PlantedReject] = []
    private var schedule: PlantSchedule
    private let english: Bool

    static let englishHeader = ["uscc", "taxpayer_name", "period", "vat", "corporate_income_tax",
                                "individual_income_tax", "urban_land_use_tax", "property_tax", "other_taxes",
                                "sales_revenue"]
    static let chineseHeader = ["纳税人识别号", "纳税人名称", "税款所属期", "增值税", "企业所得税", "个人所得税",
                                "城镇土地使用税", "房产税", "其他税费", "应税销售收入"]

    init(directory: URL, options: CountyOptions, year: Int) throws {
        self.year = year
        let format = ExtractFormat.of(.tax, year: year, lastYear: options.lastYear)
        english = format.header == .english
        writer = try ExtractWriter(url: directory.appendingPathComponent("tax_\(year)-12-31.csv"), format: format)
        writer.header(english ? TaxExtract.englishHeader : TaxExtract.chineseHeader)
        schedule = PlantSchedule(enterprises: options.enterprises)
    }

    mutating func write(_ firm: Enterprise, months: [MonthlyTax]) throws {
        schedule.reach(firm.index)
        let spoil = schedule.isOwed && !months.isEmpty ? months[months.count / 2].month : 0
        for tax in months {
            row(firm, tax)
            if tax.month == spoil {
                let line = writer.nextLine
                var restated = tax
                restated.vat += 100_00
                restated.salesRevenue += 1_000_00
                row(firm, restated)
                planted.append(PlantedReject(
                    line: line, reason: "duplicate_key", column: "uscc",
                    note: "\(firm.uscc) \(year)-\(month(tax.month)) sent twice, restated the second time"))
                schedule.paid()
            }
        }
        try writer.flushIfFull()
    }

    private func month(_ m: Int) -> String { m < 10 ? "0\(m)" : "\(m)" }

    private func row(_ firm: Enterprise, _ tax: MonthlyTax) {
        let w = writer
        w.text(firm.uscc)
        w.text(firm.name)
        w.month(year, tax.month, compact: !english)
        w.money(tax.vat, grouped: !english)
        w.money(tax.corporateIncomeTax, grouped: !english)
        w.money(tax.individualIncomeTax, grouped: !english)
        if !english && tax.urbanLandUseTax == 0 { w.empty() } else { w.money(tax.urbanLandUseTax, grouped: !english) }
        if !english && tax.propertyTax == 0 { w.empty() } else { w.money(tax.propertyTax, grouped: !english) }
        w.money(tax.otherTaxes, grouped: !english)
        w.money(tax.salesRevenue, grouped: !english)
        w.endRow()
    }
}
