import ArgumentParser
import Foundation
import MujunCore
import MujunGrading

/// `mujun publish RUN --decision-no DOC [--on DATE]`: the decision (公布) that makes an evaluation
/// run its year's, from DATE (procedure.md §1; details.md #114, #116).
struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish", abstract: "Publish an evaluation run under a decision number (公布).",
        discussion: """
            Under evaluation.require_notice (the default) the run must have been under notice, DATE \
            must follow the notice period, every objection of the year must be answered and no \
            adjustment or exemption of the year may be newer than the run; otherwise it is refused \
            (exit 65) with every reason. Publishing re-applies the idle-land veto, vetoes, reviews, \
            held D and consecutive D years with every entry recorded by then, and replaces the year's \
            earlier publication from DATE.
            """)

    @Argument(help: "Evaluation run id.") var runID: Int64
    @Option(name: .customLong("decision-no"), help: "The decision's document number (公布文号).") var decisionNo: String?
    @Option(help: "The publication date YYYY-MM-DD (default: today); at most today.") var on: String?
    @Flag(help: "Print the publication as JSON on stdout.") var json = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if let on, CalendarDay(on) == nil { throw ValidationError("--on must be a date YYYY-MM-DD, got \"\(on)\"") }
    }

    func run() throws {
        try ExitStatus.run {
            let publication = try Evaluator(connection: try database.connect("publish"))
                .publish(runID, decisionNo: decisionNo, on: on.flatMap(CalendarDay.init), today: try CalendarDay.today())
            if json { print(String(decoding: try JSONEncoder.sortedPretty.encode(publication), as: UTF8.self)) }
            ExitStatus.printError("evaluation run \(runID) published for \(publication.year) on \(publication.publishedOn)"
                                  + (publication.decisionNo.map { " (\($0))" } ?? "")
                                  + (publication.replaced.map { ", replacing run \($0)" } ?? "")
                                  + ", \(publication.regraded) final grade(s) changed by entries recorded since it was computed")
        }
    }
}
