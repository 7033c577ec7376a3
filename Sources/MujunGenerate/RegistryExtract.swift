import Foundation

/// Writes `registry_<as-of>.csv`: the market regulator's snapshot (spec extracts.md
/// `registry`), an Excel export with Chinese headers, plus a column the loader does not know
/// (企业类型) and, as planted bad rows, firms whose credit code has two characters swapped.
struct RegistryExtract {
    let writer: ExtractWriter
    private(set) var planted: [PlantedReject] = []
    private var schedule: PlantSchedule

    static let header = ["统一社会信用代码", "企业名称", "法定代表人", "登记状态", "成立日期", "国民经济行业代码",
                         "所属镇街代码", "所属镇街", "是否规上", "从业人员", "住所", "企业类型"]
    static let companyTypes = ["有限责任公司（自然人投资或控股）", "有限责任公司（法人独资）",
                               "股份有限公司（非上市、自然人投资或控股）", "有限责任公司（港澳台法人独资）"]

    init(directory: URL, options: CountyOptions) throws {
        writer = try ExtractWriter(url: directory.appendingPathComponent("registry_\(options.asOf).csv"),
                                   format: ExtractFormat.of(.registry, year: options.lastYear, lastYear: options.lastYear))
        writer.header(RegistryExtract.header)
        schedule = PlantSchedule(enterprises: options.enterprises)
    }

    mutating func write(_ firm: Enterprise) throws {
        row(firm, uscc: firm.uscc)
        schedule.reach(firm.index)
        if schedule.isOwed {
            let line = writer.nextLine
            row(firm, uscc: CreditCodes.transposed(firm.uscc))
            planted.append(PlantedReject(line: line, reason: "bad_uscc", column: "uscc",
                                         note: "a second row for \(firm.uscc) with two characters swapped"))
            schedule.paid()
        }
        try writer.flushIfFull()
    }

    private func row(_ firm: Enterprise, uscc: String) {
        writer.text(uscc)
        writer.text(firm.name)
        writer.text(firm.legalRep)
        writer.text(firm.statusText)
        writer.date(firm.establishedOn)
        // Both spellings of a class: with its section letter, or the digits alone.
        writer.text(firm.index % 5 == 3 ? String(firm.industry.code.dropFirst()) : firm.industry.code)
        writer.text(firm.township.code)
        writer.text(firm.township.name)
        if firm.aboveScale { writer.raw("是") } else { writer.raw("否") }
        if let employees = firm.employees { writer.integer(employees) } else { writer.empty() }
        writer.text(firm.address)
        writer.text(RegistryExtract.companyTypes[firm.index % RegistryExtract.companyTypes.count])
        writer.endRow()
    }
}
