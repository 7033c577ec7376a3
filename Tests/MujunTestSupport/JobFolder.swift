import Foundation

/// A folder with one job file `jobs/NAME.yaml` (spec jobs.md) and the job's inbox and output
/// folders, for running `mujun run NAME` with the real binary.
///
/// Suites running at once use different names: before main's 5583352, `mujun status` judged a
/// job locked by any database's advisory lock of that name, so a run of the same job in
/// another test database made a dead run look alive.
public final class JobFolder: @unchecked Sendable {
    public let name: String
    public let root: TemporaryDirectory
    public var jobs: URL { root.url.appendingPathComponent("jobs") }
    public var inbox: URL { root.url.appendingPathComponent("inbox") }
    public var out: URL { root.url.appendingPathComponent("out") }
    public var metrics: URL { root.url.appendingPathComponent("metrics") }

    /// The fixtures' edition-1 default with `evaluation.require_notice: false` (named `direct`):
    /// edition 1's direct publication, for jobs whose evaluate step publishes (procedure.md §1
    /// refuses `publish: true` under a profile that requires a notice, details.md #127).
    public var directPublicationPolicy: String { root.url.appendingPathComponent("policies/direct.yaml").path }

    /// Writes job `name` with `steps` (one YAML list item each, e.g. `flag` or
    /// `evaluate: {year: previous}`); `directPublication` uses `directPublicationPolicy`.
    public init(name: String = "t", steps: [String], schedule: String = "30 2 * * *", policy: String = "default",
                retry: String = "{attempts: 1, backoff_seconds: 0.1, max_backoff_seconds: 1}", out: String? = nil,
                directPublication: Bool = false) throws {
        self.name = name
        root = try TemporaryDirectory()
        _ = try root.write("policies/direct.yaml", try CountyFixture.directPublicationYAML())
        try write(steps: steps, schedule: schedule, policy: directPublication ? directPublicationPolicy : policy,
                  retry: retry, out: out)
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
    }

    /// Rewrites the job.
    public func write(steps: [String], schedule: String = "30 2 * * *", policy: String = "default",
                      retry: String = "{attempts: 1, backoff_seconds: 0.1, max_backoff_seconds: 1}", out: String? = nil) throws {
        try root.write("jobs/\(name).yaml", """
            name: \(name)
            schedule: "\(schedule)"
            policy: \(policy)
            retry: \(retry)
            folders: {inbox: \(inbox.path), out: \(out ?? self.out.path)}
            steps:
            \(steps.map { "  - \($0)" }.joined(separator: "\n"))
            """)
    }

    /// Runs `mujun run NAME ARGS…` with the jobs of this folder.
    public func run(_ extra: [String] = [], environment: [String: String]) throws -> MujunBinary.Outcome {
        try MujunBinary.run(["run", name, "--jobs-dir", jobs.path] + extra, environment: environment)
    }

    /// The steps of a `--json` run summary as "name:state".
    public static func steps(_ outcome: MujunBinary.Outcome) -> [String] {
        let json = (try? JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]) ?? [:]
        return ((json["steps"] as? [[String: Any]]) ?? []).map { "\($0["name"] ?? "?"):\($0["state"] ?? "?")" }
    }
}
