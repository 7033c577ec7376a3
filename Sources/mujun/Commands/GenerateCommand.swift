import ArgumentParser

/// `mujun generate`: not built yet.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate", abstract: "(not built yet)")
    func run() throws { throw ExitCode(1) }
}
