import MujunCore

/// What one `mujun run JOB` did: printed by the command, kept in `runs.job_runs`.
public struct JobOutcome: Sendable, Codable {
    public struct Step: Sendable, Codable {
        public var name: String
        public var state: String
        public var attempts: Int
        public var inputsKey: String?
        public var counts: [String: Int]
        public var error: String?

        enum CodingKeys: String, CodingKey {
            case name, state, attempts, inputsKey = "inputs_key", counts, error
        }
    }

    public var runID: Int64
    public var job: String
    public var state: String
    /// The worst reason of the run's steps (`done` when all succeeded or were skipped); the
    /// process exits with it.
    public var exitReason: ExitReason
    public var abandonedRuns: Int
    public var steps: [Step]
    public var error: String?
    public var seconds: Double

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", job, state, exitReason = "exit_code", abandonedRuns = "abandoned_runs", steps, error, seconds
    }
}
