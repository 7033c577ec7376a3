import Foundation

/// Writes `accounts_<as-of>.csv`: the utility accounts list (spec extracts.md `accounts`):
/// every firm's water account (水), which comes from nowhere else, and the power accounts
/// (电) an officer mapped by hand because their names match no enterprise — the manual
/// mappings that win over automatic linking.
struct AccountsExtract {
    let writer: ExtractWriter
    private(set) var waterAccounts = 0
    private(set) var manualMappings = 0

    static let header = ["类型", "户号", "统一社会信用代码", "户名"]

    init(directory: URL, options: CountyOptions) throws {
        writer = try ExtractWriter(url: directory.appendingPathComponent("accounts_\(options.asOf).csv"),
                                   format: ExtractFormat.of(.accounts, year: options.lastYear, lastYear: options.lastYear))
        writer.header(AccountsExtract.header)
    }

    mutating func write(_ firm: Enterprise) throws {
        if let water = firm.waterAccount {
            writer.raw("水")
            writer.text(water)
            writer.text(firm.uscc)
            writer.text(firm.name)
            writer.endRow()
            waterAccounts += 1
        }
        for account in firm.powerAccounts where account.linkStyle == .manual {
            writer.raw("电")
            writer.text(account.accountNo)
            writer.text(firm.uscc)
            writer.text(account.accountName)
            writer.endRow()
            manualMappings += 1
        }
        try writer.flushIfFull()
    }
}
