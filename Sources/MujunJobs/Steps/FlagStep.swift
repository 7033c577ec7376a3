import MujunCore
import MujunLand

/// `flag`: a flag run as of the step's date (spec land.md; `FlagRun`).
struct FlagStep: JobStep {
    /// `YYYY-MM-DD`, or nil for the run's date.
    let asOf: String?

    func day(_ context: JobStepContext) -> CalendarDay {
        asOf.flatMap(CalendarDay.init) ?? context.options.date
    }

    /// A flag run reads the parcels and the policy as of its date: the same date, profile and
    /// applied batches give the same flags.
    func inputsKey(_ context: JobStepContext) throws -> String? {
        "flag as_of=\(day(context)) policy=\(context.policy.sha256) batches<=\(try context.lastAppliedBatch())"
    }

    func perform(_ context: JobStepContext) throws -> JobStepResult {
        let summary = try FlagRun(connection: context.connection)
            .run(asOf: day(context), policy: context.policy, madeBy: context.options.madeBy)
        var counts = summary.counts
        counts["run_id"] = Int(summary.runID)
        counts["resolved"] = summary.resolved
        return JobStepResult(counts: counts)
    }
}
