import MujunGrading

/// `evaluate`: grades a year, and publishes the run when the job file says so (spec
/// evaluation.md; `Evaluator`).
struct EvaluateStep: JobStep {
    /// `previous` (the run date's year − 1) or a year.
    let year: String
    let publish: Bool

    func gradedYear(_ context: JobStepContext) -> Int {
        year == "previous" ? context.options.date.year - 1 : Int(year)!
    }

    /// Grades depend on the year, the profile, the applied batches and the operator entries
    /// (vetoes, reviews, adjustments and exemptions apply to the next run of their year; a
    /// revoked adjustment or exemption stops applying, so revocations count too).
    func inputsKey(_ context: JobStepContext) throws -> String? {
        let entries = try context.connection.execute("""
            SELECT coalesce((SELECT max(veto_id) FROM runs.grade_vetoes), 0) || '/' ||
                   coalesce((SELECT max(review_id) FROM runs.grade_reviews), 0) || '/' ||
                   coalesce((SELECT max(adjustment_id) || '-' || count(revoked_at) FROM runs.grade_adjustments), '0') || '/' ||
                   coalesce((SELECT max(exemption_id) || '-' || count(revoked_at) FROM runs.grade_exemptions), '0')
            """).scalar() ?? ""
        return "evaluate year=\(gradedYear(context)) publish=\(publish) policy=\(context.policy.sha256) "
            + "batches<=\(try context.lastAppliedBatch()) entries=\(entries)"
    }

    func perform(_ context: JobStepContext) throws -> JobStepResult {
        let summary = try Evaluator(connection: context.connection)
            .evaluate(year: gradedYear(context), policy: context.policy, publish: publish, madeBy: context.options.madeBy,
                      today: context.options.date)
        var counts = summary.grades
        counts["run_id"] = Int(summary.runID)
        return JobStepResult(counts: counts)
    }
}
