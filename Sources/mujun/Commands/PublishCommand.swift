import ArgumentParser
import MujunGrading

/// `mujun publish RUN_ID`: makes an evaluation run the one lists and analysts see for its year.
struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish", abstract: "Publish an evaluation run (replacing the year's published run).")

    @Argument(help: "Evaluation run id.") var runID: Int64
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try ExitStatus.run {
            try Evaluator(connection: try database.connect("publish")).publish(runID)
            ExitStatus.printError("evaluation run \(runID) published")
        }
    }
}
