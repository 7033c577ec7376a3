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
        let run = try RunProcedureState.load(runID, in: tx)
        let year = run.year
        var reasons: [String] = []
        if run.isWhatIf { reasons.append("run \(runID) is a --compare what-if and is never published") }
        if let on = run.publishedOn { reasons.append("run \(runID) was already published on \(on)") }
        if day > today { reasons.append("--on \(day) is after today (\(today))") }
        guard run.requireNotice else { return (year, false, reasons) }

        if (decisionNo ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            reasons.append("--decision-no is required: the profile requires a notice (evaluation.require_notice)")
        }
        if run.noticeID == nil {
            reasons.append("run \(runID) was never put under notice (mujun notice \(runID) --from DATE)")
        } else if let withdrawn = run.withdrawnOn {
            reasons.append("the notice of run \(runID) was withdrawn on \(withdrawn) when another run of \(year) was noticed")
        } else if let until = run.noticeUntil, day <= until {
            reasons.append("the notice period runs until \(until): publish on \(until.adding(days: 1)) or later")
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
            reasons.append("recorded or revoked after run \(runID) was computed (\(run.startedAt)): \(ids); "
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
            SET published = true, published_at = $4::timestamptz, published_on = $2::date, decision_no = $3
            WHERE run_id = $1
            """, [runID, day.description, decisionNo, Date().sqlTimestamp])
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
