import Foundation
import MujunCore
import MujunDatabase
import MujunGenerate
import MujunGrading
import MujunIngest
import MujunJobs
import MujunPolicy
import MujunReport

/// `mujun demo` (issue 9): the whole pipeline on a generated county. Generates the county's
/// extracts, loads them (files named on the command line: no freshness rule, details.md #72),
/// runs the annual evaluation and the nightly job, grades the year again under Huangyan's
/// six-indicator profile as a what-if (`--compare`, never published), and writes the report.
/// Everything is
/// deterministic for a seed, and a second run is a no-op: batches already applied are skipped,
/// job steps already done for their inputs are skipped.
public struct Demo {
    public struct Summary: Sendable, Codable {
        public var database: String
        public var folder: String
        public var date: String
        public var rowsRead: Int
        public var rowsLoaded: Int
        public var rowsRejected: Int
        public var batchesApplied: Int
        public var batchesSkipped: Int
        public var grades: [String: Int]
        public var flags: [String: Int]
        public var lists: [String: Int]
        public var report: String
        public var listsFolder: String
        /// The Huangyan what-if: its run, class changes ("B→C") and what drove them.
        public var whatIf: WhatIf?
        /// The procedure the demo walked (nil when the year was already published).
        public var calendar: DecisionSteps?
    }

    /// The decision steps of the demo's year (procedure.md §1), with their days.
    public struct DecisionSteps: Sendable, Codable {
        public var runID: Int64
        public var noticeFrom: String
        public var noticeUntil: String
        public var objectionID: Int64
        public var objectionReceived: String
        public var reviewID: Int64
        public var reviewedOn: String
        public var decisionNo: String
        public var publishedOn: String
    }

    public struct WhatIf: Sendable, Codable {
        public var policy: String
        public var runID: Int64
        public var moves: Int
        public var drivers: [String: Int]
    }

    public var options: CountyOptions
    public var folder: URL
    public var date: CalendarDay
    public var version: String

    public init(options: CountyOptions, folder: URL, date: CalendarDay, version: String) {
        self.options = options
        self.folder = folder
        self.date = date
        self.version = version
    }

    /// After the annual job's notice: one objection (the enterprise ranked last in the first
    /// cohort), answered by a review that keeps its grade, and the publication on the demo date.
    func walkCalendar(_ connection: Connection, year: Int, evaluationDay: CalendarDay,
                      log: (String) -> Void) throws -> DecisionSteps {
        let notice = try connection.execute("""
            SELECT n.run_id, to_char(n.notice_from, 'YYYY-MM-DD'), to_char(n.notice_until, 'YYYY-MM-DD')
            FROM runs.notices n WHERE n.year = $1 AND n.withdrawn_on IS NULL ORDER BY n.notice_id DESC LIMIT 1
            """, [year])
        guard notice.rowCount == 1, let run = notice.string(0, 0).flatMap({ Int64($0) }) else {
            throw DemoError(.failed, "the annual job left no run of \(year) under notice")
        }
        // A query of its own, not a subquery of the one above: Citus refuses a correlated
        // subquery beside a reference table (docs/architecture.md, "Citus").
        let ranked = try connection.execute("""
            SELECT g.uscc, g.grade FROM runs.enterprise_grades g WHERE g.run_id = $1 AND g.rank IS NOT NULL
            ORDER BY g.cohort COLLATE "C", g.rank DESC, g.uscc COLLATE "C" LIMIT 1
            """, [run])
        guard ranked.rowCount == 1, let uscc = ranked.string(0, 0), let grade = ranked.string(0, 1) else {
            throw DemoError(.failed, "run \(run) under notice has no ranked enterprise")
        }
        let firm = [uscc, grade]
        let received = evaluationDay.adding(days: 2)
        let reviewed = evaluationDay.adding(days: 4)
        let objection = try Objections(connection: connection).add(
            year: year, uscc: firm[0], received: received, by: "mujun demo", reason: "企业对用地面积认定有异议（演示）",
            documentNo: nil, today: received)
        log("objection \(objection.id): \(firm[0]) (grade \(firm[1])) objects on \(received), within the notice \(notice.string(0, 1)!)–\(notice.string(0, 2)!)")
        let review = try OperatorEntries(connection: connection).review(
            year: year, uscc: firm[0], grade: firm[1], reason: "复核：用地面积与不动产登记一致，维持原等级（演示）",
            documentNo: "亩均复〔\(year + 1)〕1号", madeBy: "mujun demo", objection: objection.id)
        log("review \(review) on \(reviewed): grade \(firm[1]) maintained, objection \(objection.id) answered")
        let decision = "亩均办〔\(year + 1)〕1号"
        let publication = try Evaluator(connection: connection).publish(run, decisionNo: decision, on: date, today: date)
        log("published run \(run) on \(publication.publishedOn) (\(decision))")
        return DecisionSteps(runID: run, noticeFrom: notice.string(0, 1)!, noticeUntil: notice.string(0, 2)!,
                        objectionID: objection.id, objectionReceived: received.description, reviewID: review,
                        reviewedOn: reviewed.description, decisionNo: decision, publishedOn: publication.publishedOn)
    }

    public func run(connectionString: ConnectionString, log: (String) -> Void) throws -> Summary {
        let connection = try Connection(connectionString, applicationName: "mujun demo")
        log("database: \(connection.endpoint)")
        try Migrator(connection: connection).migrate()

        let extracts = folder.appendingPathComponent("extracts", isDirectory: true)
        let manifest = try CountyGenerator(options: options).write(to: extracts)
        log("generated \(options.enterprises) enterprises, \(manifest.parcels) parcels, \(options.firstYear)–\(options.lastYear) in \(extracts.path)")

        // In the drop folder's own order, with the date a drop folder would give a file
        // whose name has none.
        func order(_ file: CountyManifest.File) -> LoadOrder {
            LoadOrder(name: file.name, kind: file.kind, asOf: BatchLoader.asOf(fromFileName: file.name) ?? date)
        }
        let files = manifest.files.sorted { order($0) < order($1) }
        let loader = BatchLoader(connection: connection)
        var summary = Summary(database: connection.endpoint, folder: folder.path, date: date.description, rowsRead: 0,
                              rowsLoaded: 0, rowsRejected: 0, batchesApplied: 0, batchesSkipped: 0, grades: [:],
                              flags: [:], lists: [:], report: "", listsFolder: folder.appendingPathComponent("lists").path)
        try connection.withLock(.ingest) {
            for file in files {
                var ingest = IngestOptions(today: date)
                ingest.writeRejectsCSV = true
                let report = try loader.load(extracts.appendingPathComponent(file.name), kind: file.kind, options: ingest)
                switch report.status {
                case .alreadyApplied: summary.batchesSkipped += 1
                case .applied:
                    summary.batchesApplied += 1
                    summary.rowsRead += report.rowsRead
                    summary.rowsLoaded += report.rowsLoaded
                    summary.rowsRejected += report.rowsRejected
                case .refused:
                    throw DemoError(.dataError, "\(file.name) was refused: \(report.message)")
                }
                log("  \(file.name): \(report.status.rawValue), read \(report.rowsRead) = loaded \(report.rowsLoaded) + rejected \(report.rowsRejected)")
            }
        }

        // The bureau's calendar (docs/calendar.md), on days the demo chooses: the annual job
        // evaluates last year and puts the run under notice on E = date − 8; an enterprise
        // objects on E + 2 and a review answers it on E + 4; the bureau publishes on date (after
        // the 7-day notice); the nightly job then writes the lists of that day, which take the
        // grades from their publication. A year already published is left as it is, so a second
        // demo run changes nothing.
        let year = date.year - 1
        let evaluationDay = date.adding(days: -8)
        func runJob(_ name: String, on day: CalendarDay) throws {
            var runOptions = JobRunner.Options(date: day, madeBy: "mujun demo")
            runOptions.inbox = folder.appendingPathComponent("inbox").path
            runOptions.out = summary.listsFolder
            runOptions.generatorVersion = "mujun \(version)"
            let outcome = try JobRunner(job: try JobFile.load(name), connectionString: connectionString, options: runOptions).run()
            log("job \(name) (\(day)): \(outcome.state) — " + outcome.steps.map { "\($0.name) \($0.state)" }.joined(separator: ", "))
            if outcome.exitReason != .done { throw DemoError(outcome.exitReason, "job \(name) failed: \(outcome.error ?? "")") }
        }
        let published = try connection.execute("SELECT max(run_id) FROM runs.evaluation_runs WHERE year = $1 AND published",
                                                [year]).scalar()
        if published == nil {
            try runJob("annual-evaluation", on: evaluationDay)
            summary.calendar = try walkCalendar(connection, year: year, evaluationDay: evaluationDay, log: log)
        } else {
            log("\(year) is already published (run \(published!)): the annual evaluation and its procedure are not repeated")
        }
        try runJob("nightly", on: date)

        // The what-if once per database: a second demo run adds no run.
        let profile = try PolicyProfile.load("zhejiang-huangyan")
        let existing = try connection.execute("""
            SELECT max(run_id) FROM runs.evaluation_runs WHERE year = $1 AND policy_sha256 = $2 AND compared_with IS NOT NULL
            """, [year, profile.sha256]).scalar()
        if existing == nil {
            let compared = try Evaluator(connection: connection).evaluate(year: year, policy: profile, compare: true,
                                                                          madeBy: "mujun demo")
            summary.whatIf = WhatIf(policy: profile.name, runID: compared.runID, moves: compared.moves?.count ?? 0,
                                    drivers: compared.drivers ?? [:])
            log("what-if \(profile.name) (run \(compared.runID)): \(compared.moves?.count ?? 0) class changes against the published run")
        }
        let reportFile = folder.appendingPathComponent("report-\(year).html")
        let html = try ReportBuilder(connection: connection, version: version).render(year: year)
        try Data(html.utf8).write(to: reportFile, options: .atomic)
        summary.report = reportFile.path

        let grades = try connection.execute("""
            SELECT g.grade, count(*) FROM runs.enterprise_grades g JOIN runs.evaluation_runs r USING (run_id)
            WHERE r.published AND r.year = $1 GROUP BY g.grade
            """, [year])
        for r in 0..<grades.rowCount { summary.grades[grades.string(r, 0) ?? "?"] = Int(grades.string(r, 1) ?? "0") ?? 0 }
        let flags = try connection.execute("""
            SELECT flag_code, count(*) FROM runs.parcel_flags
            WHERE run_id = (SELECT max(run_id) FROM runs.flag_runs WHERE as_of = $1::date) GROUP BY flag_code
            """, [date.description])
        for r in 0..<flags.rowCount { summary.flags[flags.string(r, 0) ?? "?"] = Int(flags.string(r, 1) ?? "0") ?? 0 }
        let lists = try connection.execute("""
            SELECT DISTINCT ON (list) list, row_count FROM runs.list_exports WHERE list_date = $1::date
            ORDER BY list, export_id DESC
            """, [date.description])
        for r in 0..<lists.rowCount { summary.lists[lists.string(r, 0) ?? "?"] = Int(lists.string(r, 1) ?? "0") ?? 0 }
        return summary
    }
}
