import ArgumentParser
import MujunIngest

/// `mujun accounts unmap ACCOUNT --reason …`: removes a manual mapping (automatic linking applies again).
struct AccountsUnmapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unmap",
        abstract: "Remove the manual mapping of a power account.")

    @Argument(help: "Power account number (户号).") var account: String
    @OptionGroup var entry: OperatorEntryOptions
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try ExitStatus.run {
            try PowerAccounts(connection: database.connect("accounts unmap"))
                .record(accountNo: account, uscc: nil, reason: entry.reason, documentNo: entry.document, madeBy: entry.by)
            ExitStatus.printError("manual mapping of power account \(account) removed")
        }
    }
}
