import ArgumentParser
import Foundation
import MujunCore
import MujunGrading

/// `mujun adjust add|list|revoke`: 加分项 / 减分项 (spec indicators.md §4; details.md #94, #129).
struct AdjustCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adjust",
        abstract: "Record, list or revoke adjustments (加分项/减分项) of a year's scores.",
        discussion: """
            An adjustment is applied, clamped to the profile's grading.adjustments limits, by every later \
            evaluation run of its year until it is revoked. With the limits at 0 (the default) entries are \
            kept and the run notes that they were not applied.
            """,
        subcommands: [AdjustAddCommand.self, DecisionListCommand<AdjustKind>.self, DecisionRevokeCommand<AdjustKind>.self])
}

struct AdjustAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Record an adjustment for a year.")

    @Option(help: "The evaluation year.") var year: Int
    @Option(help: "统一社会信用代码.") var uscc: String
    // .unconditional: "-1.5" is the value, not an option (a deduction is typed with its minus sign).
    @Option(parsing: .unconditional, help: "Signed points, at most 2 decimals (+2, -1.5).") var points: String
    @Option(help: "The item (安全生产, 科技创新, …).") var item: String
    @OptionGroup var decision: DecisionOptions
    @Flag(help: "Print the entry as JSON on stdout.") var json = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        try decision.check(year: year, uscc: uscc)
        guard !item.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--item must not be empty") }
        guard DecisionEntries.isValidPoints(points) else {
            throw ValidationError("--points is a signed number with at most 2 decimals (+2, -1.5), not \(points)")
        }
    }

    func run() throws {
        try ExitStatus.run {
            let entries = DecisionEntries(connection: try database.connect("adjust add"))
            let id = try entries.adjust(year: year, uscc: USCC.normalize(uscc)!, points: points, item: item,
                                        documentNo: decision.document, reason: decision.reason, enteredBy: decision.by)
            if json, let entry = try entries.list(.adjustment, year: year).first(where: { $0.id == id }) {
                print(String(decoding: try JSONEncoder.sortedPretty.encode(entry), as: UTF8.self))
            }
            ExitStatus.printError("adjustment \(id) recorded for \(year): \(points) (\(item)); "
                                  + "applies from the next evaluation run of \(year)")
        }
    }
}
