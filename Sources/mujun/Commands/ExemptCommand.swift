import ArgumentParser
import Foundation
import MujunCore
import MujunGrading

/// `mujun exempt add|list|revoke`: 暂不评价 by decision (spec indicators.md §5; details.md #94, #129).
struct ExemptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exempt",
        abstract: "Record, list or revoke exemptions (暂不评价) from a year's grading.",
        discussion: """
            An exempted enterprise is graded T with reason `exempted` by every later evaluation run of \
            the year (after the N rules, before the T rules), and is in no cohort's graded set.
            """,
        subcommands: [ExemptAddCommand.self, DecisionListCommand<ExemptKind>.self, DecisionRevokeCommand<ExemptKind>.self])
}

struct ExemptAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Exempt an enterprise from a year's grading.")

    @Option(help: "The evaluation year.") var year: Int
    @Option(help: "统一社会信用代码.") var uscc: String
    @OptionGroup var decision: DecisionOptions
    @Flag(help: "Print the entry as JSON on stdout.") var json = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws { try decision.check(year: year, uscc: uscc) }

    func run() throws {
        try ExitStatus.run {
            let entries = DecisionEntries(connection: try database.connect("exempt add"))
            let id = try entries.exempt(year: year, uscc: USCC.normalize(uscc)!, documentNo: decision.document,
                                        reason: decision.reason, enteredBy: decision.by)
            if json, let entry = try entries.list(.exemption, year: year).first(where: { $0.id == id }) {
                print(String(decoding: try JSONEncoder.sortedPretty.encode(entry), as: UTF8.self))
            }
            ExitStatus.printError("exemption \(id) recorded for \(year): applies from the next evaluation run of \(year)")
        }
    }
}
