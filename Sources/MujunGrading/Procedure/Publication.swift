import Foundation
import MujunCore
import MujunDatabase
import MujunResources

/// `mujun publish RUN --decision-no DOC [--on DATE]`: the decision (公布) that makes a run the
/// one lists and analysts see for its year from DATE (procedure.md §1; details.md #114, #116).
///
/// Under `evaluation.require_notice` (the default) it is refused, exit 65, with every reason
/// listed, unless the run's notice period is over, every objection of the year is answered and
/// no adjustment or exemption of the year changed after the run was computed. Publishing
/// re-applies the override steps (idle-land veto, vetoes, reviews), held D and
/// `consecutive_d_years` with every entry recorded by then, freezes the final grades and records
/// the decision number and date. One transaction: a kill leaves the run unpublished.
public struct Publication: Sendable, Codable, Equatable {
    public var runID: Int64
    public var year: Int
    public var decisionNo: String?
    public var publishedOn: String
    /// The run this publication replaces as its year's (details.md #114), if any.
    public var replaced: Int64?
    /// Enterprises whose final grade changed when the overrides were re-applied.
    public var regraded: Int

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", year, decisionNo = "decision_no", publishedOn = "published_on", replaced, regraded
    }

    /// The files run at publication: the run's parameters, its stored grades reset to the
    /// computed ones, the override steps of sql/grading/, and the store.
    static func scripts() throws -> [SQLScript] {
        let grading = Evaluator.folder
        let procedure = MujunResources.sqlDirectory.appendingPathComponent("procedure", isDirectory: true)
        return try [SQLScript(contentsOf: grading.appendingPathComponent("00_run.sql"), name: "sql/grading/00_run.sql"),
                    SQLScript(contentsOf: procedure.appendingPathComponent("publish_load.sql"), name: "sql/procedure/publish_load.sql")]
            + ["07_overrides.sql", "08_held_d.sql", "09_consecutive_d.sql"].map {
                try SQLScript(contentsOf: grading.appendingPathComponent($0), name: "sql/grading/\($0)")
            }
            + [SQLScript(contentsOf: procedure.appendingPathComponent("publish_store.sql"), name: "sql/procedure/publish_store.sql")]
    }

    /// Why `run` cannot be published on `day` (empty: it can), in the order procedure.md §1
    /// lists them.
    static func refusals(run runID: Int64, decisionNo: String?, on day: CalendarDay, today: CalendarDay,
                         in tx: Connection) throws -> (year: Int, requireNotice: Bool, reasons: [String]) {
        let run = try tx.execute("""
            SELECT r.year, r.compared_with, to_char(r.published_on, 'YYYY-MM-DD') AS published_on,
                   to_char(r.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS started,
                   coalesce((p.content #>> '{evaluation,require_notice}')::boolean, true) AS require_notice,
                   n.notice_id, to_char(n.notice_until, 'YYYY-MM-DD') AS notice_until,
                   to_char(n.notice_until + 1, 'YYYY-MM-DD') AS first_day,
                   to_char(n.withdrawn_on, 'YYYY-MM-DD') AS withdrawn_on
            FROM runs.evaluation_runs r
            JOIN runs.policy_profiles p ON p.sha256 = r.policy_sha256
            LEFT JOIN runs.notices n ON n.run_id = r.run_id
            WHERE r.run_id = $1 AND r.finished_at IS NOT NULL
            """, [runID])
        guard run.rowCount == 1, let year = try run.int(0, "year") else {
            throw GradingError(.unknownRun, "no finished evaluation run \(runID)")
        }
        let requireNotice = try run.bool(0, "require_notice") ?? true
        var reasons: [String] = []
        if try run.string(0, "compared_with") != nil {
            reasons.append("run \(runID) is a --compare what-if and is never published")
        }
        if let on = try run.string(0, "published_on") {
            reasons.append("run \(runID) was already published on \(on)")
        }
        if day > today { reasons.append("--on \(day) is after today (\(today))") }
        guard requireNotice else { return (year, false, reasons) }

        if (decisionNo ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            reasons.append("--decision-no is required: the profile requires a notice (evaluation.require_notice)")
        }
        if try run.string(0, "notice_id") == nil {
            reasons.append("run \(runID) was never put under notice (mujun notice \(runID) --from DATE)")
        } else if let withdrawn = try run.string(0, "withdrawn_on") {
            reasons.append("the notice of run \(runID) was withdrawn on \(withdrawn) when another run of \(year) was noticed")
        } else if let until = try run.string(0, "notice_until"), let untilDay = CalendarDay(until), day <= untilDay {
            reasons.append("the notice period runs until \(until): publish on \(try run.string(0, "first_day") ?? "") or later")
        }
        let open = try tx.execute("""
            SELECT string_agg('#' || objection_id || ' (' || uscc || ')', ', ' ORDER BY objection_id)
            FROM runs.objections WHERE year = $1 AND answered_at IS NULL
            """, [year])
        if let ids = open.string(0, 0) {
            reasons.append("objections of \(year) unanswered: \(ids) (mujun review set --objection ID, or mujun objection answer ID --dismiss)")
        }
        // details.md #125: recorded or revoked after the run's started_at.
        let entries = try tx.execute("""
            SELECT string_agg(kind || ' #' || id, ', ' ORDER BY kind, id)
            FROM (SELECT 'adjustment' AS kind, adjustment_id AS id, entered_at, revoked_at FROM runs.grade_adjustments WHERE year = $1
                  UNION ALL
                  SELECT 'exemption', exemption_id, entered_at, revoked_at FROM runs.grade_exemptions WHERE year = $1) e
            WHERE e.entered_at > (SELECT started_at FROM runs.evaluation_runs WHERE run_id = $2)
               OR e.revoked_at > (SELECT started_at FROM runs.evaluation_runs WHERE run_id = $2)
            """, [year, runID])
        if let ids = entries.string(0, 0) {
            reasons.append("recorded or revoked after run \(runID) was computed (\(try run.string(0, "started") ?? "")): \(ids); "
                           + "they change scores: evaluate \(year) again")
        }
        return (year, true, reasons)
    }

    /// Makes `runID` its year's publication from `day` inside `tx`: the year's previous
    /// publication is replaced on that day (details.md #114).
    static func record(_ runID: Int64, year: Int, decisionNo: String?, on day: CalendarDay,
                       in tx: Connection) throws -> Int64? {
        let previous = try tx.execute("""
            UPDATE runs.evaluation_runs SET published = false, replaced_on = $3::date
            WHERE year = $1 AND published AND run_id <> $2 RETURNING run_id
            """, [year, runID, day.description])
        try tx.execute("""
            UPDATE runs.evaluation_runs
            SET published = true, published_at = clock_timestamp(), published_on = $2::date, decision_no = $3
            WHERE run_id = $1
            """, [runID, day.description, decisionNo])
        return previous.rowCount == 1 ? previous.string(0, 0).flatMap { Int64($0) } : nil
    }
}

extension Evaluator {
    /// `mujun publish`: see `Publication`.
    public func publish(_ runID: Int64, decisionNo: String?, on day: CalendarDay? = nil,
                        today: CalendarDay) throws -> Publication {
        let scripts = try Publication.scripts()
        return try connection.withLock(.evaluate) {
            try connection.withLock(.operatorEntry) {
                try connection.transaction(.repeatableRead) { tx in
                    let day = day ?? today
                    let check = try Publication.refusals(run: runID, decisionNo: decisionNo, on: day, today: today, in: tx)
                    guard check.reasons.isEmpty else {
                        throw GradingError(.refused, "run \(runID) cannot be published on \(day): "
                                           + check.reasons.joined(separator: "; "))
                    }
                    try SQLRunner(scripts, settings: [("mujun.run_id", String(runID)),
                                                      ("mujun.published_before", day.description)],
                                  logger: logger).run(in: tx)
                    let regraded = try tx.execute("SELECT count(*) FROM publish_regraded").scalarInt()
                    let replaced = try Publication.record(runID, year: check.year, decisionNo: decisionNo, on: day, in: tx)
                    return Publication(runID: runID, year: check.year, decisionNo: decisionNo, publishedOn: day.description,
                                       replaced: replaced, regraded: regraded)
                }
            }
        }
    }
}
