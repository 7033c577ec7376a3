import Foundation
import MujunTestSupport
import Testing

/// The same failure ends with the same code from a command and from the matching step of
/// `mujun run` (issue 13: an unwritable output was 73 from `mujun export` but 1 from the
/// export step). The real binary, against a real database.
@Suite("Exit codes of commands and job steps")
struct ExitCodeTests {
    /// A migrated database with nothing loaded, a job folder, and a regular file where a
    /// folder is expected.
    struct Site {
        let db: TestDatabase
        let root: TemporaryDirectory
        var jobs: URL { root.url.appendingPathComponent("jobs") }
        let notAFolder: URL

        init() throws {
            db = try TestDatabase.migrated()
            root = try TemporaryDirectory()
            notAFolder = try root.write("not-a-folder", "x")
        }

        /// Writes `jobs/NAME.yaml` with these steps and its lists folder at `out`.
        func job(_ name: String, out: String, steps: String) throws {
            try root.write("jobs/\(name).yaml", """
                name: \(name)
                schedule: "30 2 * * *"
                policy: default
                retry: {attempts: 1, backoff_seconds: 0, max_backoff_seconds: 0}
                folders: {inbox: \(root.url.appendingPathComponent("inbox").path), out: \(out)}
                steps:
                \(steps)
                """)
        }

        var environment: [String: String] {
            var env = db.environment
            env["MUJUN_TODAY"] = "2025-03-01"
            return env
        }

        func mujun(_ arguments: [String]) throws -> MujunBinary.Outcome {
            try MujunBinary.run(arguments, environment: environment)
        }

        func run(_ job: String, _ extra: [String] = []) throws -> MujunBinary.Outcome {
            try mujun(["run", job, "--jobs-dir", jobs.path] + extra)
        }

        func scalar(_ sql: String) throws -> String? { try db.connect().execute(sql).scalar() }
    }

    @Test("73: an output folder that cannot be written, from mujun export and from the export step")
    func cannotCreate() throws {
        let site = try Site()
        let command = try site.mujun(["export", "water", "--date", "2025-03-01", "--out", site.notAFolder.path])
        #expect(command.status == 73, "\(command.stderr)")
        #expect(command.stderr.contains(site.notAFolder.path))

        try site.job("lists", out: site.notAFolder.path, steps: "  - export: {lists: water}")
        let step = try site.run("lists")
        #expect(step.status == 73, "\(step.stderr)")
        #expect(step.stderr.contains(site.notAFolder.path))
        #expect(try site.scalar("SELECT exit_code || ' ' || state FROM runs.job_runs WHERE job = 'lists'") == "73 failed")
        #expect(try site.scalar("SELECT state FROM runs.job_steps WHERE step = 'export'") == "failed")
        #expect(try site.scalar("SELECT count(*) FROM runs.list_exports") == "0")
    }

    @Test("65: a year whose data is incomplete, from mujun evaluate and from the evaluate step")
    func dataError() throws {
        let site = try Site()
        let command = try site.mujun(["evaluate", "--year", "2024"])
        #expect(command.status == 65, "\(command.stderr)")

        try site.job("grades", out: site.root.url.appendingPathComponent("out").path,
                     steps: "  - evaluate: {year: 2024}")
        let step = try site.run("grades")
        #expect(step.status == 65, "\(step.stderr)")
        #expect(try site.scalar("SELECT exit_code FROM runs.job_runs WHERE job = 'grades'") == "65")
        #expect(try site.scalar("SELECT count(*) FROM runs.evaluation_runs") == "0")
    }

    @Test("69: PostgreSQL unreachable, from mujun export and from mujun run")
    func unavailable() throws {
        let site = try Site()
        let nowhere = "host=\(site.root.url.appendingPathComponent("no-server").path) port=1 dbname=\(site.db.name)"
        let command = try site.mujun(["export", "water", "--date", "2025-03-01", "--out", site.root.url.path, "--db", nowhere])
        #expect(command.status == 69, "\(command.stderr)")

        try site.job("lists", out: site.root.url.appendingPathComponent("out").path, steps: "  - export: {lists: water}")
        let run = try site.run("lists", ["--db", nowhere])
        #expect(run.status == 69, "\(run.stderr)")
    }

    @Test("64: a bad option inside a command body is a usage error, not a failure")
    func usage() throws {
        let site = try Site()
        let demo = try site.mujun(["demo", "--years", "2024-2023"])
        #expect(demo.status == 64, "\(demo.stderr)")
        #expect(demo.stderr.contains("--years: the first year comes after the last"))
    }
}
