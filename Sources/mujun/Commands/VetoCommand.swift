import ArgumentParser
import MujunCore
import MujunGrading
import MujunIngest

/// `mujun veto --year Y USCC [--to C|D] --reason … --document …`: records a 一票否决.
struct VetoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "veto",
        abstract: "Record a veto (一票否决) for a year: A/B become C, or any A–C becomes D with --to D.")

    @Option(help: "The evaluation year.") var year: Int
    @Argument(help: "统一社会信用代码.") var uscc: String
    @Option(help: "C (default) or D.") var to = "C"
    @OptionGroup var entry: OperatorEntryOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard USCC.normalize(uscc) != nil else { throw ValidationError("\"\(uscc)\" is not a valid 统一社会信用代码") }
        guard to == "C" || to == "D" else { throw ValidationError("--to is C or D") }
    }

    func run() throws {
        try ExitStatus.run {
            let id = try OperatorEntries(connection: try database.connect("veto"))
                .veto(year: year, uscc: USCC.normalize(uscc)!, to: to, reason: entry.reason,
                      documentNo: entry.document, madeBy: entry.by)
            ExitStatus.printError("veto \(id) recorded for \(year): applies from the next evaluation run of \(year)")
        }
    }
}
