import MujunDatabase
import MujunPolicy

/// What a step works with: the run's connection (a new one after a reconnect), the run's
/// options, its policy profile and its folders.
struct JobStepContext {
    let connection: Connection
    let options: JobRunner.Options
    let policy: PolicyProfile
    /// The drop folder and the lists folder, as resolved for the run (option, environment,
    /// job file).
    let inbox: String
    let out: String
    /// Fault injection for tests (`MUJUN_FAULT=terminate-during-copy`): called while a batch's
    /// rows are being sent, it ends the run's server session once, like a server restart.
    var duringCopy: (() -> Void)?

    /// The highest applied batch: a step whose result depends on the loaded data names it in
    /// its inputs key, so a new batch makes the step run again.
    func lastAppliedBatch() throws -> Int {
        try connection.execute("SELECT coalesce(max(batch_id), 0) FROM runs.batches WHERE status = 'applied'").scalarInt()
    }
}
