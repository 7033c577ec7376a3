import Foundation
import MujunLists

/// `export`: the job's lists as of the run's date, into the run's lists folder (spec lists.md;
/// `ListExporter`, which reports an unwritable folder as `ListError.cannotWrite`, exit 73, as
/// `mujun export` does).
struct ExportStep: JobStep {
    /// `all` or list names (checked when the job file was read).
    let lists: [String]
    /// `when: inputs-changed`: export only when the runs behind the lists differ from the last
    /// export's, whatever the date.
    let onlyWhenInputsChanged: Bool

    /// `all`: every list of the profile, its enterprise lists included (details.md #127, #128).
    func chosen(_ context: JobStepContext) -> [PolicyList] {
        lists.contains("all") ? PolicyList.all(of: context.policy)
            : lists.compactMap { PolicyList.named($0, in: context.policy) }
    }

    /// The runs a list is made from, resolved as the exporter resolves them (`ListInputs`,
    /// details.md #44), with the lists, the profile, the folder and (unless only changed inputs
    /// count) the date.
    func inputsKey(_ context: JobStepContext) throws -> String? {
        let inputs = try ListInputs.resolve(on: context.options.date, in: context.connection)
        let runs = "\(inputs.evaluationRunID ?? 0)/\(inputs.flagRunID ?? 0)"
        let date = onlyWhenInputsChanged ? "" : " date=\(context.options.date)"
        return "export lists=\(lists.joined(separator: ",")) runs=\(runs) policy=\(context.policy.sha256) out=\(context.out)\(date)"
    }

    /// The lists of a dated export made from the same runs (annual-evaluation's, earlier the
    /// same night) are those this export would write: it waits for the runs to change.
    var isDoneByDatedKeys: Bool { onlyWhenInputsChanged }

    func perform(_ context: JobStepContext) throws -> JobStepResult {
        let summaries = try ListExporter(connection: context.connection).export(
            chosen(context), date: context.options.date, to: URL(fileURLWithPath: context.out, isDirectory: true),
            policy: context.policy, generatorVersion: context.options.generatorVersion, madeBy: context.options.madeBy)
        var result = JobStepResult(counts: [:])
        for s in summaries { result.counts["rows.\(s.list)"] = s.manifest.rowCount }
        return result
    }
}
