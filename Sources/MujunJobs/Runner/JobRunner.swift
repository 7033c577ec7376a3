import Foundation
import Logging
import MujunCore
import MujunDatabase
import MujunPolicy

/// `mujun run JOB` (spec jobs.md "Job runs"): runs a job's steps in order under the job's
/// advisory lock, recording the run and each step in PostgreSQL.
///
/// - One run per job at a time, across hosts: a second exits 75 naming the holder.
/// - A run that died (kill -9, lost host) is marked failed and abandoned by the next one.
/// - Transient errors (connection lost, serialization failure, deadlock, server restarting) are
///   retried with exponential backoff on a fresh connection; data errors are not retried.
/// - A step already done for its inputs (same inputs key as a succeeded step) is skipped, so a
///   rerun continues where a failed run stopped and a rerun of a succeeded one changes nothing.
public final class JobRunner {
    public struct Options: Sendable {
        /// The run's date: `today` for flag steps, and the year before it for `previous`.
        public var date: CalendarDay
        public var inbox: String?
        public var out: String?
        public var metricsDirectory: String?
        public var madeBy: String
        /// Fault injection for tests (`MUJUN_FAULT`): `terminate-before:STEP` kills the run's
        /// own server session once, just before that step, as a server restart would;
        /// `pause-before:STEP:SECONDS` holds the run there; `terminate-during-copy` kills it once
        /// while the ingest step sends a batch's rows.
        public var fault: String?
        /// Written into list manifests (e.g. `mujun 0.1.0`).
        public var generatorVersion = "mujun"

        public init(date: CalendarDay, madeBy: String) {
            self.date = date
            self.madeBy = madeBy
        }
    }

    public let job: JobFile
    public let connectionString: ConnectionString
    public var options: Options
    public var logger = Logger(label: "mujun.run")
    var connection: Connection
    private var faultUsed = false

    public init(job: JobFile, connectionString: ConnectionString, options: Options) throws {
        self.job = job
        self.connectionString = connectionString
        self.options = options
        connection = try Connection(connectionString, applicationName: "mujun run \(job.name)")
    }

    var inbox: String { options.inbox ?? ProcessInfo.processInfo.environment["MUJUN_INBOX"] ?? job.inbox }
    var out: String { options.out ?? ProcessInfo.processInfo.environment["MUJUN_OUT"] ?? job.out }

    public func run() throws -> JobOutcome {
        let started = Date()
        do {
            try connection.lock(.job(job.name))
        } catch let error as DatabaseError where error.code == .lockHeld {
            // A run refused by the lock is a run too (spec jobs.md: states include skipped): it
            // is recorded, so `mujun status` and the metrics show that cron's run did not happen.
            try connection.execute("""
                INSERT INTO runs.job_runs (run_id, job, parameters, host, pid, started_at, finished_at, state, exit_code, error)
                VALUES (nextval('runs.job_run_id_seq'), $1, $2::jsonb, $3, $4, $5::timestamptz, clock_timestamp(),
                        'skipped', $6, $7)
                """, [job.name, "{\"date\": \"\(options.date.description)\"}", ProcessInfo.processInfo.hostName,
                      Int(ProcessInfo.processInfo.processIdentifier), started.sqlTimestamp,
                      Int(ExitReason.temporary.code), error.message])
            throw error
        }
        let abandoned = try connection.execute("""
            UPDATE runs.job_runs SET state = 'failed', abandoned = true, finished_at = $2::timestamptz,
                error = 'abandoned: its process died without finishing (found by run of ' || $3 || ')'
            WHERE job = $1 AND state = 'running'
            """, [job.name, started.sqlTimestamp, options.date.description]).affectedRows
        if abandoned > 0 { logger.warning("marked \(abandoned) abandoned run(s) of \(job.name) as failed") }

        let policy = try PolicyProfile.load(job.policy)
        let runID = Int64(try connection.execute("SELECT nextval('runs.job_run_id_seq')").scalarInt())
        let parameters = try JSONSerialization.data(withJSONObject: [
            "date": options.date.description, "inbox": inbox, "out": out, "policy": policy.name,
            "policy_sha256": policy.sha256, "job_file": job.source,
        ], options: [.sortedKeys])
        try connection.execute("""
            INSERT INTO runs.job_runs (run_id, job, parameters, host, pid, started_at, state)
            VALUES ($1, $2, $3::jsonb, $4, $5, $6::timestamptz, 'running')
            """, [runID, job.name, String(decoding: parameters, as: UTF8.self), ProcessInfo.processInfo.hostName,
                  Int(ProcessInfo.processInfo.processIdentifier), started.sqlTimestamp])

        var outcome = JobOutcome(runID: runID, job: job.name, state: "running", exitReason: .done,
                                 abandonedRuns: abandoned, steps: [], error: nil, seconds: 0)
        var worst = ExitReason.done
        var firstError: String?
        for (number, step) in job.steps.enumerated() {
            let work = step.work
            var result = JobOutcome.Step(name: step.name, state: "running", attempts: 0, inputsKey: nil, counts: [:], error: nil)
            do {
                result.inputsKey = try work.inputsKey(context(policy))
                if let key = result.inputsKey, try alreadyDone(step.name, key, orDated: work.isDoneByDatedKeys) {
                    result.state = "skipped"
                    try recordStep(runID, number, result, started: Date())
                    outcome.steps.append(result)
                    continue
                }
                let stepStarted = Date()
                try recordStep(runID, number, result, started: stepStarted)
                let done = try withRetries(step.name, attempts: &result.attempts) {
                    try work.perform(self.context(policy))
                }
                result.counts = done.counts
                result.state = done.reason == .done ? "succeeded" : "failed"
                result.error = done.message
                if done.reason != .done {
                    worst = max(worst, done.reason)
                    firstError = firstError ?? done.message
                }
                try recordStep(runID, number, result, started: stepStarted, finished: Date())
            } catch {
                // The retries are spent or the error is not transient; if the server went away,
                // a new connection records the step and closes the run row (issue 16 item 8:
                // before, the row stayed `running` until the next run called it abandoned).
                if !connection.isUp { try? reconnect() }
                let (reason, message) = JobRunner.classify(error)
                result.state = "failed"
                result.error = message
                worst = max(worst, reason)
                firstError = firstError ?? "\(step.name): \(message)"
                outcome.steps.append(result)
                try? recordStep(runID, number, result, started: Date(), finished: Date())
                break  // a step that failed as a whole leaves the ones after it without their inputs
            }
            outcome.steps.append(result)
        }
        outcome.state = worst == .done ? "succeeded" : "failed"
        outcome.exitReason = worst
        outcome.error = firstError
        outcome.seconds = Date().timeIntervalSince(started)
        let totals = outcome.steps.reduce(into: [String: Int]()) { t, s in
            for (k, v) in s.counts { t["\(s.name).\(k)", default: 0] += v }
        }
        let countsJSON = try JSONSerialization.data(withJSONObject: totals, options: [.sortedKeys])
        try connection.execute("""
            UPDATE runs.job_runs SET state = $2, finished_at = $3::timestamptz, exit_code = $4, counts = $5::jsonb, error = $6
            WHERE run_id = $1
            """, [runID, outcome.state, Date().sqlTimestamp, Int(worst.code), String(decoding: countsJSON, as: UTF8.self),
                  firstError])
        if let dir = options.metricsDirectory {
            try JobMetrics(connection: connection).write(job: job.name, outcome: outcome, to: dir)
        }
        try? connection.unlock(.job(job.name))
        return outcome
    }

    /// What the steps work with, on the current connection (a new one after a reconnect).
    func context(_ policy: PolicyProfile) -> JobStepContext {
        var context = JobStepContext(connection: connection, options: options, policy: policy, inbox: inbox, out: out)
        if options.fault == "terminate-during-copy", !faultUsed {
            let pid = connection.backendPID
            context.duringCopy = { [self] in
                guard !faultUsed else { return }
                faultUsed = true
                let side = try? Connection(connectionString, applicationName: "mujun fault injection")
                _ = try? side?.execute("SELECT pg_terminate_backend($1)", [pid])
            }
        }
        return context
    }

    /// Whether a step of any job already succeeded for these inputs: the key names everything
    /// the step's result depends on (dates, policy, batches, runs, output folder), so the work
    /// is done whichever job did it; `orDated`: a key that adds ` date=…` to it counts too.
    func alreadyDone(_ step: String, _ key: String, orDated: Bool) throws -> Bool {
        try connection.execute("""
            SELECT EXISTS (SELECT 1 FROM runs.job_steps s
                           WHERE s.step = $1 AND s.state = 'succeeded'
                             AND (s.inputs_key = $2 OR ($3 AND starts_with(s.inputs_key, $2 || ' date='))))
            """, [step, key, orDated]).scalar() == "t"
    }

    // MARK: Retries

    /// Retries `body` on transient database errors with exponential backoff, reconnecting (and
    /// taking the job's lock again) before each new attempt.
    func withRetries<T>(_ step: String, attempts: inout Int, _ body: () throws -> T) throws -> T {
        var wait = job.retry.backoffSeconds
        while true {
            attempts += 1
            do {
                try injectFault(before: step)
                return try body()
            } catch let error as DatabaseError where error.isTransient && attempts < job.retry.attempts {
                logger.warning("\(step): transient error (attempt \(attempts) of \(job.retry.attempts)): \(error.message); retrying in \(wait) s")
                Thread.sleep(forTimeInterval: wait)
                wait = min(max(wait * 2, 0.1), job.retry.maxBackoffSeconds)
                try reconnect()
            }
        }
    }

    func reconnect() throws {
        var lastError: Error?
        for _ in 0..<30 {
            do {
                connection = try Connection(connectionString, applicationName: "mujun run \(job.name)")
                try connection.lock(.job(job.name))
                return
            } catch let e as DatabaseError where e.code == .connectionFailed {
                lastError = e
                Thread.sleep(forTimeInterval: 1)  // the server may still be starting
            }
        }
        throw lastError ?? DatabaseError(.connectionLost, message: "cannot reconnect")
    }

    func injectFault(before step: String) throws {
        guard !faultUsed, let fault = options.fault else { return }
        if fault == "terminate-before:\(step)" {
            faultUsed = true
            let side = try Connection(connectionString, applicationName: "mujun fault injection")
            try side.execute("SELECT pg_terminate_backend($1)", [connection.backendPID])
        } else if fault.hasPrefix("pause-before:\(step):"), let seconds = Double(fault.split(separator: ":").last ?? "") {
            // Holds the run (and its lock) at a known point, for tests of concurrent runs and kills.
            faultUsed = true
            Thread.sleep(forTimeInterval: seconds)
        }
    }

    // MARK: Records

    func recordStep(_ runID: Int64, _ number: Int, _ step: JobOutcome.Step, started: Date, finished: Date? = nil) throws {
        let counts = String(decoding: try JSONSerialization.data(withJSONObject: step.counts, options: [.sortedKeys]), as: UTF8.self)
        try connection.execute("""
            INSERT INTO runs.job_steps (run_id, step_no, step, inputs_key, state, attempts, started_at, finished_at, counts, error)
            VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz, $8::timestamptz, $9::jsonb, $10)
            ON CONFLICT (run_id, step_no) DO UPDATE SET state = EXCLUDED.state, attempts = EXCLUDED.attempts,
                finished_at = EXCLUDED.finished_at, counts = EXCLUDED.counts, error = EXCLUDED.error
            """, [runID, number, step.name, step.inputsKey, step.state, step.attempts, started.sqlTimestamp,
                  finished?.sqlTimestamp, counts, step.error])
    }

    /// The exit reason (the same table as the commands', `ExitReason`) and the message for an
    /// error that stopped a step.
    static func classify(_ error: Error) -> (ExitReason, String) {
        switch error {
        case let e as DatabaseError where e.code == .lockHeld || e.code == .connectionFailed || e.isTransient:
            return (ExitReason(e), e.message)
        case let e as CocoaError:
            return (ExitReason(e), e.localizedDescription)
        default:
            return (ExitReason(error), "\(error)")
        }
    }
}
