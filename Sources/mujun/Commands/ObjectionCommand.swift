import ArgumentParser
import Foundation
import MujunCore
import MujunGrading

/// `mujun objection add|list|answer`: objections (异议) to a run under notice (procedure.md §1;
/// details.md #95, #119, #129).
struct ObjectionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "objection",
        abstract: "Record, list or dismiss objections (异议) to grades under notice.",
        discussion: """
            An objection is accepted only while a run of its year is under notice and it was \
            received within the notice period (逾期视为无异议), once per enterprise and year. Answer \
            it with mujun review set --objection ID, or dismiss it with mujun objection answer ID --dismiss.
            """,
        subcommands: [ObjectionAddCommand.self, ObjectionListCommand.self, ObjectionAnswerCommand.self])
}

struct ObjectionAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Record an objection received from an enterprise.")

    @Option(help: "The evaluation year objected to.") var year: Int
    @Option(help: "统一社会信用代码 of the enterprise.") var uscc: String
    @Option(help: "The day it was received, YYYY-MM-DD.") var received: String
    @Option(help: "Who entered it (default: $USER).") var by: String = ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    @Option(name: [.customLong("why"), .customLong("reason")], help: "What the enterprise objects to.") var why: String
    @Option(name: [.customLong("doc"), .customLong("document")], help: "The objection's document number, if any.") var doc: String?
    @Flag(help: "Print the objection as JSON on stdout.") var json = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard (1900...2099).contains(year) else { throw ValidationError("--year must be between 1900 and 2099") }
        guard USCC.normalize(uscc) != nil else { throw ValidationError("\"\(uscc)\" is not a valid 统一社会信用代码") }
        guard CalendarDay(received) != nil else { throw ValidationError("--received must be a date YYYY-MM-DD, got \"\(received)\"") }
        guard !why.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--why must not be empty") }
    }

    func run() throws {
        try ExitStatus.run {
            let objection = try Objections(connection: try database.connect("objection add"))
                .add(year: year, uscc: USCC.normalize(uscc)!, received: CalendarDay(received)!, by: by, reason: why,
                     documentNo: doc, today: try CalendarDay.today())
            if json { print(String(decoding: try JSONEncoder.sortedPretty.encode(objection), as: UTF8.self)) }
            ExitStatus.printError("objection \(objection.id) recorded: \(objection.uscc) against \(year), run \(objection.runID) under notice")
        }
    }
}

struct ObjectionListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List objections: id, year, uscc, name, received_on, run_id, state, review_id.")

    @Option(help: "Only this year.") var year: Int?
    @Flag(help: "Only those not answered yet.") var open = false
    @Flag(help: "Print JSON on stdout.") var json = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try ExitStatus.run {
            let objections = try Objections(connection: try database.connect("objection list")).list(year: year, open: open)
            if json {
                print(String(decoding: try JSONEncoder.sortedPretty.encode(["objections": objections]), as: UTF8.self))
            } else {
                for o in objections {
                    print([String(o.id), String(o.year), o.uscc, o.name ?? "", o.receivedOn, String(o.runID), o.state,
                           o.reviewID.map(String.init) ?? ""].joined(separator: "\t"))
                }
            }
            ExitStatus.printError("\(objections.count) objection(s)\(year.map { " of \($0)" } ?? "")\(open ? ", open" : "")")
        }
    }
}

struct ObjectionAnswerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "answer", abstract: "Dismiss an objection: the grade stands (for a new grade use review set --objection).")

    @Argument(help: "The objection's id.") var id: Int64
    @Flag(help: "Dismiss it (the only answer besides a review).") var dismiss = false
    @Option(name: [.customLong("why"), .customLong("reason")], help: "Why it is dismissed.") var why: String
    @Option(name: [.customLong("doc"), .customLong("document")], help: "The answer's document number, if any.") var doc: String?
    @Option(help: "Who (default: $USER).") var by: String = ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    @Flag(help: "Print the objection as JSON on stdout.") var json = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard dismiss else { throw ValidationError("say --dismiss, or answer with mujun review set --objection \(id)") }
        guard !why.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--why must not be empty") }
    }

    func run() throws {
        try ExitStatus.run {
            let objection = try Objections(connection: try database.connect("objection answer"))
                .dismiss(id, reason: why, documentNo: doc, by: by)
            if json { print(String(decoding: try JSONEncoder.sortedPretty.encode(objection), as: UTF8.self)) }
            ExitStatus.printError("objection \(id) dismissed: the grade of \(objection.uscc) for \(objection.year) stands")
        }
    }
}
