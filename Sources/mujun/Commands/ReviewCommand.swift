import ArgumentParser
import Foundation
import MujunCore
import MujunGrading
import MujunIngest

/// `mujun review set|list`: review results (复核) and the audit trail of operator entries.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Record a review result (复核) or list vetoes and reviews.",
        subcommands: [ReviewSetCommand.self, ReviewListCommand.self])
}

struct ReviewSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Set the grade of an enterprise for a year after review; applies to later runs.")

    @Option(help: "The evaluation year.") var year: Int
    @Argument(help: "统一社会信用代码.") var uscc: String
    @Argument(help: "A, B, C or D.") var grade: String
    @OptionGroup var entry: OperatorEntryOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard USCC.normalize(uscc) != nil else { throw ValidationError("\"\(uscc)\" is not a valid 统一社会信用代码") }
        guard ["A", "B", "C", "D"].contains(grade) else { throw ValidationError("GRADE is A, B, C or D") }
    }

    func run() throws {
        try ExitStatus.run {
            let id = try OperatorEntries(connection: try database.connect("review"))
                .review(year: year, uscc: USCC.normalize(uscc)!, grade: grade, reason: entry.reason,
                        documentNo: entry.document, madeBy: entry.by)
            ExitStatus.printError("review \(id) recorded for \(year): applies from the next evaluation run of \(year)")
        }
    }
}

struct ReviewListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List vetoes and reviews with who, when and why.")

    @Option(help: "Only this year.") var year: Int?
    @Flag(help: "Print JSON on stdout.") var json = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try ExitStatus.run {
            let entries = try OperatorEntries(connection: try database.connect("review list")).list(year: year)
            if json {
                print(String(decoding: try JSONEncoder.sortedPretty.encode(entries), as: UTF8.self))
                return
            }
            for e in entries {
                print([e.madeAt, e.kind, String(e.year), e.uscc, e.grade, e.madeBy, e.documentNo ?? "-", e.reason]
                        .joined(separator: "\t"))
            }
        }
    }
}
