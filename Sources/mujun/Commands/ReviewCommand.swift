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
        commandName: "set", abstract: "Set the grade of an enterprise for a year after review; applies to later runs.",
        discussion: """
            mujun review set --year Y USCC GRADE --why TEXT, or mujun review set --objection ID GRADE \
            --why TEXT to answer an objection (year and credit code are the objection's; given as \
            well, they must match it).
            """)

    @Option(help: "The evaluation year (with --objection: the objection's).") var year: Int?
    @Option(help: "The objection this review answers (procedure.md §1).") var objection: Int64?
    @Argument(help: "[USCC] GRADE: 统一社会信用代码 (optional with --objection) and A, B, C or D.") var values: [String] = []
    @OptionGroup var entry: OperatorEntryOptions
    @OptionGroup var database: DatabaseOptions

    var grade: String { values.last ?? "" }
    var uscc: String? { values.count == 2 ? values[0] : nil }

    func validate() throws {
        guard values.count == 2 || (values.count == 1 && objection != nil) else {
            throw ValidationError(objection == nil ? "give USCC and GRADE" : "give GRADE (and optionally USCC)")
        }
        if objection == nil && year == nil { throw ValidationError("--year is required (or --objection ID)") }
        if let uscc, USCC.normalize(uscc) == nil { throw ValidationError("\"\(uscc)\" is not a valid 统一社会信用代码") }
        guard ["A", "B", "C", "D"].contains(grade) else { throw ValidationError("GRADE is A, B, C or D") }
    }

    func run() throws {
        try ExitStatus.run {
            let connection = try database.connect("review")
            var year = self.year
            var uscc = self.uscc.flatMap(USCC.normalize)
            if let objection {
                guard let found = try Objections(connection: connection).find(objection) else {
                    throw GradingError(.entryState, "no objection #\(objection)")
                }
                if let y = year, y != found.year { throw GradingError(.mismatch, "objection #\(objection) is of \(found.year), not \(y)") }
                if let u = uscc, u != found.uscc { throw GradingError(.mismatch, "objection #\(objection) is \(found.uscc)'s, not \(u)'s") }
                year = found.year
                uscc = found.uscc
            }
            let id = try OperatorEntries(connection: connection)
                .review(year: year!, uscc: uscc!, grade: grade, reason: entry.reason,
                        documentNo: entry.document, madeBy: entry.by, objection: objection)
            ExitStatus.printError("review \(id) recorded for \(year!)"
                                  + (objection.map { ", answering objection \($0)" } ?? "")
                                  + ": applies from the next evaluation run of \(year!), and to its publication")
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
