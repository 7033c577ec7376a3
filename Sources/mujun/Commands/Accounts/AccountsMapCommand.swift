import ArgumentParser
import Foundation
import MujunCore
import MujunIngest

/// `mujun accounts map ACCOUNT USCC --reason … [--document …]`.
struct AccountsMapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Map a power account to an enterprise; the mapping wins over automatic linking.")

    @Argument(help: "Power account number (户号).") var account: String
    @Argument(help: "统一社会信用代码 of the enterprise.") var uscc: String
    @OptionGroup var entry: OperatorEntryOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard USCC.normalize(uscc) != nil else {
            throw ValidationError("\"\(uscc)\" is not a valid 统一社会信用代码 (GB 32100-2015 check character)")
        }
    }

    func run() throws {
        try ExitStatus.run {
            let code = USCC.normalize(uscc)!
            try PowerAccounts(connection: database.connect("accounts map"))
                .record(accountNo: account, uscc: code, reason: entry.reason, documentNo: entry.document, madeBy: entry.by)
            ExitStatus.printError("power account \(account) mapped to \(code)")
        }
    }
}

/// Who made an operator entry, and why (the audit trail of spec evaluation.md §5).
struct OperatorEntryOptions: ParsableArguments {
    @Option(name: [.customLong("reason"), .customLong("why")], help: "Why (kept in the audit trail).") var reason: String
    @Option(name: [.customLong("document"), .customLong("doc")], help: "Document number (文号), if any.") var document: String?
    @Option(help: "Who (default: $USER).") var by: String = ProcessInfo.processInfo.environment["USER"] ?? "unknown"

    func validate() throws {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--reason must not be empty") }
    }
}
