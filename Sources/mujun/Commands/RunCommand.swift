import ArgumentParser
import Foundation
import MujunCore
import MujunDatabase
import MujunIngest
import MujunJobs

/// `mujun run JOB`: runs a job from `jobs/JOB.yaml` (spec jobs.md).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a job (e.g. nightly, annual-evaluation) from its job file.",
        discussion: """
            One run per job at a time across hosts (a second exits 75 naming the holder). Transient \
            errors are retried with backoff; a step already done for its inputs is skipped. Exit 65 \
            when input data was refused (the file is in failed/), 75 when the lock is held or retries \
            ran out.
            """)

    @Argument(help: "The job's name: jobs/NAME.yaml.") var job: String
    @Option(help: "The run's date YYYY-MM-DD (default: today; MUJUN_TODAY overrides).") var date: String?
    @Option(help: "Drop folder (default: the job file's, or MUJUN_INBOX).") var inbox: String?
    @Option(help: "Lists output folder (default: the job file's, or MUJUN_OUT).") var out: String?
    @Option(name: .customLong("jobs-dir"), help: "Folder of job files (default: MUJUN_JOBS_DIR, ./jobs, built-in).") var jobsDir: String?
    @Option(name: .customLong("metrics-dir"), help: "Write Prometheus textfile metrics here after the run.") var metricsDir: String?
    @Flag(help: "Print a JSON summary on stdout.") var json = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if let date, CalendarDay(date) == nil { throw ValidationError("--date must be YYYY-MM-DD") }
    }

    func run() throws {
        try ExitStatus.run {
            let file = try JobFile.load(job, jobsDir: jobsDir)
            var options = JobRunner.Options(date: try date.flatMap(CalendarDay.init) ?? CalendarDay.today(),
                                            madeBy: ProcessInfo.processInfo.environment["USER"] ?? "mujun")
            options.inbox = inbox
            options.out = out
            options.metricsDirectory = metricsDir
            options.fault = ProcessInfo.processInfo.environment["MUJUN_FAULT"]
            options.generatorVersion = "mujun \(MujunVersion.current)"
            let runner = try JobRunner(job: file, connectionString: try ConnectionString(database.db), options: options)
            let outcome = try runner.run()
            if json { print(String(decoding: try JSONEncoder.sortedPretty.encode(outcome), as: UTF8.self)) }
            for step in outcome.steps {
                let counts = step.counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
                ExitStatus.printError("  \(step.name): \(step.state)\(step.attempts > 1 ? " after \(step.attempts) attempts" : "") \(counts)"
                                      + (step.error.map { " — \($0)" } ?? ""))
            }
            ExitStatus.printError("job \(outcome.job) run \(outcome.runID): \(outcome.state) in "
                                  + String(format: "%.1f s", outcome.seconds)
                                  + (outcome.abandonedRuns > 0 ? " (marked \(outcome.abandonedRuns) abandoned run(s) failed)" : ""))
            if outcome.exitReason != .done { throw ExitCode(outcome.exitReason) }
        }
    }
}
