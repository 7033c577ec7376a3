import ArgumentParser

/// `mujun accounts`: power accounts that automatic linking could not place, and manual mappings.
struct AccountsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "List power accounts and map them to enterprises by hand.",
        subcommands: [AccountsListCommand.self, AccountsMapCommand.self, AccountsUnmapCommand.self],
        defaultSubcommand: AccountsListCommand.self)
}
