/// One kind of step of a job file (spec jobs.md "Job files"): what its result depends on, and
/// its work. Each kind is one file of this folder.
protocol JobStep {
    /// What the step's result depends on: a succeeded step of any job with the same key did
    /// the same work, so the runner skips it. Nil for a step that is idempotent by itself.
    func inputsKey(_ context: JobStepContext) throws -> String?

    /// Whether a succeeded step whose key is this step's key followed by ` date=…` did this
    /// step's work too (an export that waits for changed inputs is done by a dated export of
    /// the same runs). False unless a step says otherwise.
    var isDoneByDatedKeys: Bool { get }

    /// Does the work on the context's connection. Throws for a step that failed as a whole;
    /// returns a reason other than `done` for one that finished but refused some input.
    func perform(_ context: JobStepContext) throws -> JobStepResult
}

extension JobStep {
    var isDoneByDatedKeys: Bool { false }
}

extension JobFile.Step {
    /// The work of this step of a job file.
    var work: any JobStep {
        switch self {
        case .ingestInbox: return IngestInboxStep()
        case .flag(let asOf): return FlagStep(asOf: asOf)
        case .evaluate(let year, let publish): return EvaluateStep(year: year, publish: publish)
        case .notice(let year, let from, let days): return NoticeStep(year: year, from: from, days: days)
        case .export(let lists, let onlyWhenInputsChanged):
            return ExportStep(lists: lists, onlyWhenInputsChanged: onlyWhenInputsChanged)
        case .sql(let file): return SQLStep(file: file)
        }
    }
}
