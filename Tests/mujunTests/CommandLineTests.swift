import Foundation
import MujunTestSupport
import Testing

@Suite("Command line")
struct CommandLineTests {
    @Test("migrate against an unreachable server exits 69 with one line naming host and port")
    func unreachableServer() throws {
        let outcome = try MujunBinary.run(["migrate"], environment: MujunBinary.unreachableServer)
        #expect(outcome.status == 69)
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(outcome.stderr.contains("127.0.0.1:1"))
        #expect(!outcome.stderr.contains("Fatal error"))
    }

    @Test("bad arguments exit 64")
    func badArguments() throws {
        #expect(try MujunBinary.run(["migrate", "--no-such-option"]).status == 64)
        #expect(try MujunBinary.run(["no-such-command"]).status == 64)
    }

    @Test("a password in --db is refused and never echoed")
    func passwordInConnectionString() throws {
        for db in ["host=localhost password=s3cr3t-pw", "postgresql://user:s3cr3t-pw@localhost/db"] {
            let outcome = try MujunBinary.run(["status", "--db", db])
            #expect(outcome.status == 64)
            #expect(!outcome.stderr.contains("s3cr3t-pw"))
            #expect(outcome.stderr.contains("pgpass"))
        }
    }

    @Test("a wrong password is reported without the password")
    func wrongPasswordNotEchoed() throws {
        var env = MujunBinary.unreachableServer
        env["PGPASSWORD"] = "s3cr3t-pw"
        let outcome = try MujunBinary.run(["status"], environment: env)
        #expect(outcome.status == 69)
        #expect(!outcome.stderr.contains("s3cr3t-pw"))
    }

    @Test("status names the database, the server version and the migrations")
    func statusReportsMigrations() throws {
        let db = try TestDatabase.migrated()
        let outcome = try MujunBinary.run(["status", "--json"], environment: db.environment)
        let json = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        // The shipped jobs have never run in a fresh database: every job whose schedule fired
        // more than the hour's grace ago is overdue, and then status exits 1 as a monitor needs.
        // Which jobs that is depends on the clock (the nightly is not overdue in the hour after
        // 02:30), so the test reads each job's due time rather than naming one.
        let jobs = json?["jobs"] as? [[String: Any]] ?? []
        #expect(jobs.count >= 2)
        let parser = ISO8601DateFormatter()
        var overdue = 0
        for job in jobs {
            let name = job["job"] as? String ?? "?"
            guard let due = (job["due_at"] as? String).flatMap(parser.date(from:)) else { continue }
            let late = Date().timeIntervalSince(due) > 3600 + 60
            let early = Date().timeIntervalSince(due) < 3600 - 60
            if late { overdue += 1 }
            if late || early {
                #expect(job["overdue"] as? Bool == late, "\(name) due \(due)")
                #expect(outcome.stdout.contains("\(name) is overdue") == late)
            }
        }
        // The annual job last fired months ago (unless this runs within a minute of it).
        #expect(overdue >= 1)
        #expect(outcome.status == 1)
        #expect((json?["server_version"] as? String)?.hasPrefix("15.") == true)
        #expect((json?["migrations_pending"] as? [String])?.isEmpty == true)
        // Every migration the binary ships, none left out.
        let shipped = try FileManager.default.contentsOfDirectory(
            atPath: MujunBinary.packageRoot.appendingPathComponent("sql/migrations").path).filter { $0.hasSuffix(".sql") }
        #expect((json?["migrations_applied"] as? [Any])?.count == shipped.count)
        #expect(shipped.count >= 17)
        #expect((json?["database"] as? String)?.contains(db.name) == true)
    }
}
