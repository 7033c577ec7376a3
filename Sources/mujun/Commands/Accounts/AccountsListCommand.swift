import ArgumentParser
import Foundation
import MujunCore
import MujunIngest

/// `mujun accounts list [--all]`.
struct AccountsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List power accounts linked to no enterprise, or to several (--all: every account).")

    @Flag(help: "List every account with how it is linked.")
    var all = false

    @Flag(help: "Print JSON on stdout.")
    var json = false

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try ExitStatus.run {
            let accounts = try PowerAccounts(connection: database.connect("accounts")).list(unlinkedOnly: !all)
            if json {
                let data = try JSONEncoder.sortedPretty.encode(accounts)
                print(String(decoding: data, as: UTF8.self))
                return
            }
            for a in accounts {
                print([a.accountNo, a.linkMethod, a.uscc ?? "-", a.accountName ?? "-", a.latestPeriod ?? "-"]
                        .joined(separator: "\t"))
            }
            ExitStatus.printError("\(accounts.count) account(s)\(all ? "" : " to map: mujun accounts map ACCOUNT USCC --reason …")")
        }
    }
}
