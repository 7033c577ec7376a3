import ArgumentParser
import Foundation
import MujunCore
import MujunDatabase
import MujunDemo
import MujunGenerate
import MujunIngest

/// `mujun demo`: the whole pipeline on a generated county and the local PostgreSQL of
/// `deploy/local` (the README's main command).
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate a county, walk the bureau's year (evaluate, notice, objection, review, publish), export the lists, write the report.",
        discussion: """
            Uses the database of the PG* settings or --db when given; otherwise starts the local \
            PostgreSQL of deploy/local (cluster "demo"). The demo's date D is 9 July after the last \
            generated year (MUJUN_TODAY overrides): the annual job evaluates and notices on D − 8, an \
            enterprise objects on D − 6, a review answers it on D − 4, the run is published on D and the \
            nightly job writes D's lists (docs/calendar.md). Running it again changes nothing.
            """)

    @Option(help: "Enterprises in the generated county.") var enterprises = 3_000
    @Option(help: "Years of tax and power, Y1-Y2.") var years = "2023-2024"
    @Option(help: "Seed of the generated county.") var seed: UInt64 = 7
    @Option(help: "Folder for extracts, lists and the report.") var dir = ".local/demo"
    @Flag(help: "Print the summary as JSON on stdout.") var json = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try ExitStatus.run {
            guard let (first, last) = CountyOptions.parseYears(years) else { throw ValidationError("--years must be Y1-Y2") }
            let county = CountyOptions(enterprises: enterprises, firstYear: first, lastYear: last, seed: seed)
            if let problem = county.problem { throw ValidationError(problem) }
            if database.db.isEmpty && ProcessInfo.processInfo.environment["PGHOST"] == nil {
                let script = try LocalCluster.start(name: "demo")
                ExitStatus.printError("mujun demo: started the local PostgreSQL (\(script), cluster demo)")
            }
            let date = ProcessInfo.processInfo.environment["MUJUN_TODAY"].flatMap(CalendarDay.init)
                ?? CalendarDay(year: last + 1, month: 7, day: 9)!
            let folder = URL(fileURLWithPath: dir, isDirectory: true).standardizedFileURL
            let demo = Demo(options: county, folder: folder, date: date, version: MujunVersion.current)
            let summary = try demo.run(connectionString: try ConnectionString(database.db)) { ExitStatus.printError($0) }
            if json { print(String(decoding: try JSONEncoder.sortedPretty.encode(summary), as: UTF8.self)) }
            let grades = GradeLine.text(summary.grades)
            let flags = summary.flags.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            let lists = summary.lists.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            print("""

                Mujun demo — a county of \(enterprises) enterprises, \(first)–\(last), as of \(summary.date)
                  database   \(summary.database)
                  extracts   \(summary.batchesApplied) batches applied, \(summary.batchesSkipped) already applied; rows read \(summary.rowsRead) = loaded \(summary.rowsLoaded) + rejected \(summary.rowsRejected)
                  grades \(last)  \(grades)
                  land flags \(flags.isEmpty ? "none" : flags)
                  lists      \(lists.isEmpty ? "none" : lists) (rows)
                  files      lists in \(summary.listsFolder)/
                             report \(summary.report)
                  calendar   \(summary.calendar.map { c in "run \(c.runID) noticed \(c.noticeFrom)–\(c.noticeUntil); objection \(c.objectionID) received \(c.objectionReceived), answered by review \(c.reviewID) on \(c.reviewedOn); published \(c.publishedOn) (\(c.decisionNo)); lists dated \(summary.date)" } ?? "already published: not walked again")
                  what-if    \(summary.whatIf.map { w in "\(w.policy) (run \(w.runID), not published): \(w.moves) class changes, driven by "
                                 + w.drivers.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(3).map { "\($0.key) \($0.value)" }
                                     .joined(separator: ", ") } ?? "already made (mujun evaluate --compare)")
                Query it: eval "$(MUJUN_PG_NAME=demo deploy/local/pg.sh env)"; psql -c 'SELECT grade, count(*) FROM mart.enterprise_grades GROUP BY 1'
                """)
        }
    }
}
