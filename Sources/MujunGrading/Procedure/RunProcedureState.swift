import Foundation
import MujunCore
import MujunDatabase

/// Where an evaluation run stands in the procedure (procedure.md §1): what `mujun notice` and
/// `mujun publish` check before they act, read in one query.
public struct RunProcedureState: Sendable {
    public var runID: Int64
    public var year: Int
    public var policyName: String
    public var policySHA256: String
    /// A `--compare` what-if (never noticed nor published).
    public var isWhatIf: Bool
    public var publishedOn: String?
    /// The day it was computed, in the deployment's calendar (details.md #71, #129).
    public var computedOn: CalendarDay?
    public var startedAt: String
    /// The run's profile: `evaluation.require_notice` (default true) and `notice_days` (7).
    public var requireNotice: Bool
    public var noticeDays: Int
    public var noticeID: Int64?
    public var noticeFrom: String?
    public var noticeUntil: CalendarDay?
    public var withdrawnOn: String?

    /// The finished run `runID`, or `GradingError.unknownRun`.
    public static func load(_ runID: Int64, in c: Connection,
                            timeZone: String = ProcessInfo.processInfo.environment["MUJUN_TIMEZONE"] ?? "Asia/Shanghai") throws -> RunProcedureState {
        let run = try c.execute("""
            SELECT r.year, r.policy_name, r.policy_sha256, r.compared_with IS NOT NULL AS what_if,
                   to_char(r.published_on, 'YYYY-MM-DD') AS published_on,
                   to_char(coalesce(r.computed_on, (r.finished_at AT TIME ZONE $2)::date), 'YYYY-MM-DD') AS computed_on,
                   to_char(r.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS started,
                   coalesce((p.content #>> '{evaluation,require_notice}')::boolean, true) AS require_notice,
                   coalesce((p.content #>> '{evaluation,notice_days}')::int, 7) AS notice_days,
                   n.notice_id, to_char(n.notice_from, 'YYYY-MM-DD') AS notice_from,
                   to_char(n.notice_until, 'YYYY-MM-DD') AS notice_until, to_char(n.withdrawn_on, 'YYYY-MM-DD') AS withdrawn_on
            FROM runs.evaluation_runs r
            JOIN runs.policy_profiles p ON p.sha256 = r.policy_sha256
            LEFT JOIN runs.notices n ON n.run_id = r.run_id
            WHERE r.run_id = $1 AND r.finished_at IS NOT NULL
            """, [runID, timeZone])
        guard run.rowCount == 1, let year = try run.int(0, "year") else {
            throw GradingError(.unknownRun, "no finished evaluation run \(runID)")
        }
        return RunProcedureState(
            runID: runID, year: year, policyName: try run.string(0, "policy_name") ?? "",
            policySHA256: try run.string(0, "policy_sha256") ?? "", isWhatIf: try run.bool(0, "what_if") ?? false,
            publishedOn: try run.string(0, "published_on"), computedOn: try run.string(0, "computed_on").flatMap(CalendarDay.init),
            startedAt: try run.string(0, "started") ?? "", requireNotice: try run.bool(0, "require_notice") ?? true,
            noticeDays: try run.int(0, "notice_days") ?? 7, noticeID: try run.string(0, "notice_id").flatMap { Int64($0) },
            noticeFrom: try run.string(0, "notice_from"), noticeUntil: try run.string(0, "notice_until").flatMap(CalendarDay.init),
            withdrawnOn: try run.string(0, "withdrawn_on"))
    }
}
