import Foundation

/// Writes `power_<year>-12-31.csv`, one file per year (spec extracts.md `power`), as the
/// power company's Windows system exports it: GB18030, CRLF, Chinese headers with full-width
/// brackets (`用电量（千瓦时）`), `202401` periods, and its own 供电所 column the loader does
/// not know. The credit code is filled only for accounts linked by it; other accounts carry a
/// name alone (linked by name, by a manual mapping, or not at all). Planted bad rows: an
/// account's month sent twice (`duplicate_key`).
struct PowerExtract {
    let year: Int
    let writer: ExtractWriter
    private(set) var planted: [PlantedReject] = []
    private var schedule: PlantSchedule

    static let header = ["户号", "户名", "统一社会信用代码", "电费年月", "用电量（千瓦时）", "供电所"]

    init(directory: URL, options: CountyOptions, year: Int) throws {
        self.year = year
        writer = try ExtractWriter(url: directory.appendingPathComponent("power_\(year)-12-31.csv"),
                                   format: ExtractFormat.of(.power, year: year, lastYear: options.lastYear))
        writer.header(PowerExtract.header)
        schedule = PlantSchedule(enterprises: options.enterprises)
    }

    mutating func write(_ firm: Enterprise, accounts: [(PowerAccount, [(Int, Int64)])]) throws {
        schedule.reach(firm.index)
        let station = "江宁供电公司" + String(firm.township.name.prefix(2)) + "供电所"
        for (account, months) in accounts {
            let spoil = schedule.isOwed && !months.isEmpty ? months[months.count / 2].0 : 0
            for (month, kWh) in months {
                row(account, month, kWh, station)
                if month == spoil {
                    let line = writer.nextLine
                    row(account, month, kWh + 17, station)
                    planted.append(PlantedReject(
                        line: line, reason: "duplicate_key", column: "account_no",
                        note: "account \(account.accountNo) \(year)-\(month < 10 ? "0" : "")\(month) sent twice"))
                    schedule.paid()
                }
            }
        }
        try writer.flushIfFull()
    }

    private func row(_ account: PowerAccount, _ month: Int, _ kWh: Int64, _ station: String) {
        let w = writer
        w.text(account.accountNo)
        w.text(account.accountName)
        w.text(account.uscc)
        w.month(year, month, compact: true)
        w.integer(Int(kWh))
        w.text(station)
        w.endRow()
    }
}
