import ArgumentParser

/// `mujun flag`: not built yet.
struct FlagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "flag", abstract: "(not built yet)")
    func run() throws { throw ExitCode(1) }
}
