import Foundation
import MujunTestSupport
import Testing

/// One failure, one exit code (sysexits, spec jobs.md and details.md #77), whether a command
/// meets it or the same work as a step of `mujun run`: cron and systemd tell failures apart by
/// the code alone.
@Suite("Exit codes: a command and the job step doing its work exit alike")
struct ExitCodeTests {
    @Test("73: an output folder that cannot be created")
    func cannotCreate() throws {
        let db = try TestDatabase.migrated()
        let root = try TemporaryDirectory()
        // A file where the folder should be: unwritable even for root.
        let blocked = try root.write("not-a-folder", "x").path
        let export = try MujunBinary.run(["export", "all", "--date", "2025-03-01", "--out", blocked], environment: db.environment)
        #expect(export.status == 73, "\(export.stderr)")
        #expect(export.stderr.contains(blocked))

        let job = try JobFolder(name: "exit", steps: ["export: {lists: all}"], out: blocked)
        var env = db.environment
        env["MUJUN_TODAY"] = "2025-03-01"
        let run = try job.run(environment: env)
        #expect(run.status == 73, "\(run.stderr)")
        #expect(run.stderr.contains(blocked))
        let connection = try db.connect()
        #expect(try connection.execute("SELECT exit_code || ' ' || state FROM runs.job_runs WHERE job = 'exit'").scalar() == "73 failed")
        #expect(try connection.execute("SELECT state FROM runs.job_steps WHERE step = 'export'").scalar() == "failed")
        #expect(try connection.execute("SELECT count(*) FROM runs.list_exports").scalar() == "0")
    }

    @Test("65: data refused, by mujun evaluate and by the evaluate step")
    func dataError() throws {
        let fixture = try GradingFixture()
        // 2023 has no tax or power rows: the completeness gate refuses it.
        let evaluate = try MujunBinary.run(["evaluate", "--year", "2023"], environment: fixture.db.environment)
        #expect(evaluate.status == 65, "\(evaluate.stderr)")
        let job = try JobFolder(name: "exit", steps: ["evaluate: {year: previous, publish: true}"], directPublication: true)
        var env = fixture.db.environment
        env["MUJUN_TODAY"] = "2024-03-15"
        let run = try job.run(environment: env)
        #expect(run.status == 65, "\(run.stderr)")
        #expect(try fixture.county.int("SELECT count(*) FROM runs.evaluation_runs") == 0)
        #expect(try fixture.county.int("SELECT exit_code FROM runs.job_runs WHERE job = 'exit'") == 65)
    }

    @Test("69: the server cannot be reached, by mujun export and by mujun run")
    func unavailable() throws {
        var env = MujunBinary.unreachableServer
        env["MUJUN_TODAY"] = "2025-03-01"
        let job = try JobFolder(name: "exit", steps: ["export: {lists: all}"])
        let export = try MujunBinary.run(["export", "all", "--date", "2025-03-01", "--out", job.out.path], environment: env)
        #expect(export.status == 69, "\(export.stderr)")
        let run = try job.run(environment: env)
        #expect(run.status == 69, "\(run.stderr)")
        #expect(run.stderr.contains("127.0.0.1:1"))
    }

    @Test("64: a bad option inside a command body is a usage error, not a failure")
    func usage() throws {
        let demo = try MujunBinary.run(["demo", "--years", "2024-2023"])
        #expect(demo.status == 64, "\(demo.stderr)")
        #expect(demo.stderr.contains("--years: the first year comes after the last"))
    }
}
