import MujunCore

/// What a step that ran to its end reports: its counts (kept in `runs.job_steps`), and when it
/// refused some input (a file moved to `failed/`), the reason and the message.
struct JobStepResult {
    var counts: [String: Int]
    var reason = ExitReason.done
    var message: String?
}
