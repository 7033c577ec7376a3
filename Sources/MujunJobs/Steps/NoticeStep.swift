import Foundation
import MujunCore
import MujunGrading
import MujunLists

/// `notice`: puts the latest run of a year under public notice into the job's output folder
/// (procedure.md §1; details.md #127). The annual job evaluates and notices; publishing stays an
/// operator's decision (`mujun publish`).
struct NoticeStep: JobStep {
    /// `previous` (the run date's year − 1) or a year.
    let year: String
    /// nil: the run's date.
    let from: String?
    let days: Int?

    func noticedYear(_ context: JobStepContext) -> Int {
        year == "previous" ? context.options.date.year - 1 : Int(year)!
    }

    /// The run it would notice: the year's latest finished run that is not a what-if.
    func latestRun(_ context: JobStepContext) throws -> Int64? {
        try context.connection.execute("""
            SELECT max(run_id) FROM runs.evaluation_runs
            WHERE year = $1 AND finished_at IS NOT NULL AND compared_with IS NULL
            """, [noticedYear(context)]).scalar().flatMap { Int64($0) }
    }

    /// A run is noticed once: the same run and period is the same work.
    func inputsKey(_ context: JobStepContext) throws -> String? {
        "notice year=\(noticedYear(context)) run=\(try latestRun(context).map(String.init) ?? "none") "
            + "from=\(from ?? context.options.date.description) days=\(days.map(String.init) ?? "profile") out=\(context.out)"
    }

    func perform(_ context: JobStepContext) throws -> JobStepResult {
        let year = noticedYear(context)
        guard let run = try latestRun(context) else {
            throw GradingError(.unknownRun, "no evaluation run of \(year) to put under notice")
        }
        // A run already under notice (the same run, noticed by an earlier attempt) is done.
        let state = try context.connection.execute("""
            SELECT withdrawn_on IS NULL AND NOT EXISTS (SELECT 1 FROM runs.evaluation_runs r WHERE r.run_id = n.run_id AND r.published_on IS NOT NULL)
            FROM runs.notices n WHERE run_id = $1
            """, [Int(run)])
        if state.rowCount == 1 && state.string(0, 0) == "t" {
            return JobStepResult(counts: ["run_id": Int(run), "already_noticed": 1])
        }
        let summary = try NoticeWriter(connection: context.connection).notice(
            run, from: from.flatMap(CalendarDay.init) ?? context.options.date, days: days,
            to: URL(fileURLWithPath: context.out, isDirectory: true), generatorVersion: context.options.generatorVersion,
            madeBy: context.options.madeBy, today: context.options.date)
        return JobStepResult(counts: ["run_id": Int(run), "notice_id": Int(summary.noticeID), "rows": summary.rows,
                                      "letters": summary.letters])
    }
}
