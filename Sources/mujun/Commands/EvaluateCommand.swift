import ArgumentParser

/// `mujun evaluate`: not built yet.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "evaluate", abstract: "(not built yet)")
    func run() throws { throw ExitCode(1) }
}
