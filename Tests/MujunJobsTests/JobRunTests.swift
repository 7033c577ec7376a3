import Foundation
import MujunCore
import MujunDatabase
import MujunIngest
import MujunTestSupport
import Testing

/// `mujun run` end to end, as cron would run it: the real binary against a real database.
@Suite("Job runs")
struct JobRunTests {
    /// A job folder with one job `t` (ingest the inbox, flag as of the run date), and an inbox.
    struct Site {
        let db: TestDatabase
        let folder: JobFolder
        var root: TemporaryDirectory { folder.root }
        var jobs: URL { folder.jobs }
        var inbox: URL { folder.inbox }
        var metrics: URL { folder.metrics }

        init(schedule: String = "30 2 * * *") throws {
            db = try TestDatabase.migrated()
            folder = try JobFolder(steps: ["ingest-inbox", "flag"], schedule: schedule,
                                   retry: "{attempts: 3, backoff_seconds: 0.2, max_backoff_seconds: 1}")
        }

        /// Drops a file into the inbox, old enough to be taken.
        @discardableResult
        func drop(_ name: String, _ text: String) throws -> URL {
            let file = try root.write("inbox/\(name)", text)
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-600)], ofItemAtPath: file.path)
            return file
        }

        func dropCounty() throws {
            let a = "91350100M000100Y43", b = "91330703MA2HABCD3N"
            try drop("registry_20250101.csv", "uscc,name,status,industry_code,region_code,above_scale\n\(a),甲,存续,3311,320101,是\n\(b),乙,存续,3311,320101,否\n")
            try drop("parcels_20250101.csv", """
                parcel_id,holder_uscc,region_code,land_use,area_m2,supplied_on,agreed_start_on
                P1,\(a),320101,工业,10000,2020-01-01,2020-06-01
                P2,\(b),320101,工业,5000,2023-01-01,2023-06-01

                """)
        }

        var environment: [String: String] {
            var env = db.environment
            env["MUJUN_TODAY"] = "2025-03-01"
            return env
        }

        func run(_ extra: [String] = [], fault: String? = nil) throws -> MujunBinary.Outcome {
            var env = environment
            if let fault { env["MUJUN_FAULT"] = fault }
            return try folder.run(["--metrics-dir", metrics.path, "--json"] + extra, environment: env)
        }

        func json(_ outcome: MujunBinary.Outcome) -> [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]) ?? [:]
        }

        func scalar(_ sql: String) throws -> Int { try db.connect().execute(sql).scalarInt() }
    }

    static func steps(_ json: [String: Any]) -> [String] {
        ((json["steps"] as? [[String: Any]]) ?? []).map { "\($0["name"] ?? "?"):\($0["state"] ?? "?"):\($0["attempts"] ?? "?")" }
    }

    @Test("a run loads the inbox and flags; a rerun changes nothing; metrics are written")
    func runAndRerun() throws {
        let site = try Site()
        try site.dropCounty()
        let first = try site.run()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(JobRunTests.steps(site.json(first)) == ["ingest-inbox:succeeded:1", "flag:succeeded:1"])
        #expect(try site.scalar("SELECT count(*) FROM runs.batches WHERE status = 'applied'") == 2)
        #expect(try site.scalar("SELECT count(*) FROM runs.flag_runs") == 1)
        // P1 agreed to start 2020-06-01 and never did: IDLE-1 as of 2025-03-01.
        #expect(try site.scalar("SELECT count(*) FROM runs.parcel_flags WHERE parcel_id = 'P1' AND flag_code = 'IDLE-1'") == 1)

        let second = try site.run()
        #expect(second.status == 0)
        #expect(JobRunTests.steps(site.json(second)) == ["ingest-inbox:succeeded:1", "flag:skipped:0"])
        #expect(try site.scalar("SELECT count(*) FROM runs.flag_runs") == 1)
        #expect(try site.scalar("SELECT count(*) FROM runs.batches") == 2)
        #expect(try site.scalar("SELECT count(*) FROM runs.job_runs WHERE state = 'succeeded'") == 2)

        let metrics = try String(contentsOf: site.metrics.appendingPathComponent("mujun_job_t.prom"), encoding: .utf8)
        #expect(metrics.contains("# TYPE mujun_job_last_success_timestamp_seconds gauge"))
        #expect(metrics.contains("mujun_job_last_exit_code{job=\"t\"} 0"))
        let status = try MujunBinary.run(["status", "--json", "--jobs-dir", site.jobs.path], environment: site.environment)
        #expect(status.stdout.contains("\"state\" : \"succeeded\""))
    }

    @Test("a data error is not retried: the file goes to failed/, the run exits 65")
    func dataError() throws {
        let site = try Site()
        try site.dropCounty()
        try site.drop("tax_20250101.csv", "uscc,period,vat\nnot-a-code,2024-01,1\n")
        let outcome = try site.run()
        #expect(outcome.status == 65)
        #expect(JobRunTests.steps(site.json(outcome)) == ["ingest-inbox:failed:1", "flag:succeeded:1"])
        #expect(FileManager.default.fileExists(atPath: site.inbox.appendingPathComponent("failed/tax_20250101.csv").path))
        #expect(try site.scalar("SELECT count(*) FROM runs.job_runs WHERE state = 'failed' AND exit_code = 65") == 1)
        // status reports the failure and exits 1 for a monitor.
        let status = try MujunBinary.run(["status", "--jobs-dir", site.jobs.path], environment: site.environment)
        #expect(status.status == 1)
        #expect(status.stdout.contains("PROBLEM: t failed"))
    }

    @Test("a transient error (the server ends the session mid-run) is retried and succeeds")
    func transientErrorRetried() throws {
        let site = try Site()
        try site.dropCounty()
        let outcome = try site.run(fault: "terminate-before:flag")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(JobRunTests.steps(site.json(outcome)) == ["ingest-inbox:succeeded:1", "flag:succeeded:2"])
        #expect(try site.scalar("SELECT count(*) FROM runs.flag_runs") == 1)
    }

    /// A tax extract of `rows` firms with one January row each: large enough that a load is
    /// still sending rows when a test looks.
    static func taxExtract(rows: Int) -> String {
        var tax = "uscc,period,vat\n"
        for i in 0..<rows {
            tax += "\(USCC.completed("9132010000" + String(format: "%07d", i))!),2024-01,\(i % 1000)\n"
        }
        return tax
    }

    @Test("the server session ends in the middle of a batch's COPY: the ingest step is retried and the run succeeds")
    func lostDuringCopy() throws {
        let site = try Site()
        try site.dropCounty()
        let tax = JobRunTests.taxExtract(rows: 40_000)
        try site.drop("tax_20250102.csv", tax)
        // Before issue 16 the lost connection was "sending COPY data failed", exit 1, no retry,
        // and the run's row stayed `running`.
        let outcome = try site.run(fault: "terminate-during-copy")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(JobRunTests.steps(site.json(outcome)) == ["ingest-inbox:succeeded:2", "flag:succeeded:1"])
        #expect(try site.scalar("SELECT count(*) FROM core.tax_rows") == 40_000)
        #expect(try site.scalar("SELECT count(*) FROM runs.job_runs WHERE state = 'running'") == 0)
    }

    @Test("mujun ingest exits 75, not 1, when the server session ends during COPY")
    func ingestLostDuringCopy() throws {
        let db = try TestDatabase.migrated()
        let folder = try TemporaryDirectory()
        let tax = JobRunTests.taxExtract(rows: 40_000)
        let file = try folder.write("tax_20250102.csv", tax)
        let connection = try db.connect()
        let loader = BatchLoader(connection: connection)
        let pid = connection.backendPID
        var terminated = false
        loader.progress = { _, _ in
            guard !terminated else { return }
            terminated = true
            _ = try? db.connect().execute("SELECT pg_terminate_backend($1)", [pid])
        }
        #expect {
            _ = try loader.load(file, kind: .tax, options: IngestOptions(today: CalendarDay("2025-01-15")!))
        } throws: { error in
            let e = error as? DatabaseError
            return e?.isTransient == true && e.map { ExitReason($0) } == .temporary
        }
        #expect(terminated)
        #expect(try db.connect().execute("SELECT count(*) FROM runs.batches WHERE status = 'applied'").scalarInt() == 0)
    }

    @Test("a run refused by the job's lock exits 75 and is recorded as skipped")
    func refusedByLockIsSkipped() throws {
        let site = try Site()
        let holder = try site.db.connect()
        try holder.lock(.job("t"))
        let refused = try site.run()
        #expect(refused.status == 75)
        #expect(try site.scalar("SELECT count(*) FROM runs.job_runs WHERE state = 'skipped' AND exit_code = 75") == 1)
    }

    @Test("two runs at once: one runs, the other exits 75 naming the holder; a killed run is marked abandoned and redone")
    func concurrencyAndKill() throws {
        let site = try Site()
        try site.dropCounty()
        // A tax extract large enough that the first run is still loading when we look.
        let tax = JobRunTests.taxExtract(rows: 300_000)
        try site.drop("tax_20250102.csv", tax)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: MujunBinary.path)
        process.arguments = ["run", "t", "--jobs-dir", site.jobs.path]
        var environment = site.environment
        environment["MUJUN_FAULT"] = "pause-before:flag:60"  // holds the run, lock and all, after its load
        process.environment = environment
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let watcher = try site.db.connect()
        var paused = false
        for _ in 0..<1200 where !paused {
            paused = try watcher.execute("""
                SELECT count(*) FROM runs.job_steps s JOIN runs.job_runs r USING (run_id)
                WHERE r.state = 'running' AND s.step = 'flag'
                """).scalarInt() > 0
            if !paused { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(paused, "the first run never reached its flag step")
        let second = try site.run()
        #expect(second.status == 75)
        #expect(second.stderr.contains("mujun run t") && second.stderr.contains("since"))

        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // The server rolls the dead session back and frees its lock.
        for _ in 0..<100 {
            if try watcher.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'mujun run t pid=%'").scalarInt() == 0 { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        let status = try MujunBinary.run(["status", "--json", "--jobs-dir", site.jobs.path], environment: site.environment)
        #expect(status.status == 1, "\(status.stdout)")
        #expect(status.stdout.contains("\"abandoned\" : true"))

        let rerun = try site.run()
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect((site.json(rerun)["abandoned_runs"] as? Int) == 1)
        #expect(try site.scalar("SELECT count(*) FROM runs.job_runs WHERE abandoned AND state = 'failed'") == 1)
        // The killed run's load was committed before the kill; the rerun did not load it twice.
        #expect(try site.scalar("SELECT count(*) FROM core.tax_rows") == 300_000)
        #expect(try site.scalar("SELECT count(*) FROM runs.batches WHERE kind = 'tax'") == 1)
    }

    @Test("status says what is overdue against the schedule and exits 1")
    func overdue() throws {
        let site = try Site(schedule: "0 0 1 1 *")
        let status = try MujunBinary.run(["status", "--jobs-dir", site.jobs.path], environment: site.environment)
        #expect(status.status == 1)
        #expect(status.stdout.contains("OVERDUE"))
        #expect(status.stdout.contains("PROBLEM: t is overdue"))
    }

    @Test("a job file with a mistake is a usage error naming the key")
    func badJobFile() throws {
        let site = try Site()
        try site.root.write("jobs/t.yaml", "name: t\nschedule: \"61 2 * * *\"\n")
        let outcome = try site.run()
        #expect(outcome.status == 64)
        #expect(outcome.stderr.contains("schedule"))
    }
}
