import Foundation
import MujunJobs
import MujunTestSupport
import Testing

@Suite("Job files and schedules")
struct JobFileTests {
    static let valid = """
        name: t
        schedule: "30 2 * * *"
        policy: default
        retry: {attempts: 3, backoff_seconds: 1, max_backoff_seconds: 10}
        folders: {inbox: /tmp/in, out: /tmp/out}
        steps:
          - ingest-inbox
          - flag: {as_of: today}
          - evaluate: {year: previous}
          - notice: {from: today, days: 5}
          - export: {lists: [electricity, water], when: inputs-changed}
        """

    @Test("the shipped job files load")
    func shipped() throws {
        let jobs = try JobFile.all(jobsDir: MujunBinary.packageRoot.appendingPathComponent("jobs").path)
        #expect(jobs.map(\.name) == ["annual-evaluation", "nightly"])
        #expect(jobs.last?.steps == [.ingestInbox, .flag(asOf: nil), .export(lists: ["all"], onlyWhenInputsChanged: true)])
        #expect(jobs.first?.steps == [.ingestInbox, .evaluate(year: "previous", publish: false),
                                      .notice(year: "previous", from: nil, days: nil)])
        #expect(jobs.first?.schedule.text == "15 4 1 7 *")
    }

    @Test("a job file parses, and mistakes are refused naming the key")
    func validation() throws {
        let job = try JobFile(yaml: Self.valid, source: "t.yaml")
        #expect(job.steps == [.ingestInbox, .flag(asOf: nil), .evaluate(year: "previous", publish: false),
                              .notice(year: "previous", from: nil, days: 5),
                              .export(lists: ["electricity", "water"], onlyWhenInputsChanged: true)])
        #expect(job.retry == JobFile.Retry(attempts: 3, backoffSeconds: 1, maxBackoffSeconds: 10))
        let cases: [(String, String, String)] = [
            ("schedule: \"30 2 * * *\"", "schedule: \"30 2 * *\"", "schedule"),
            ("schedule: \"30 2 * * *\"", "schedule: \"*/5 2 * * *\"", "schedule"),
            ("attempts: 3", "attempts: 0", "retry.attempts"),
            ("max_backoff_seconds: 10}", "max_backoff_seconds: 10, jitter: 1}", "retry.jitter"),
            ("  - ingest-inbox", "  - ingest-inbx", "steps[0]"),
            ("{as_of: today}", "{as_of: tomorrow}", "steps[1].flag.as_of"),
            // details.md #127: publishing is an operator's decision under a profile with a notice.
            ("{year: previous}", "{year: previous, publish: true}", "steps[2].evaluate.publish"),
            ("{from: today, days: 5}", "{from: today, days: 0}", "steps[3].notice.days"),
            ("[electricity, water]", "[electricity, steam]", "steps[4].export.lists"),
            ("policy: default", "policy: default\nowner: me", "owner"),
        ]
        for (from, to, key) in cases {
            let yaml = Self.valid.replacingOccurrences(of: from, with: to)
            #expect(yaml != Self.valid)
            #expect(performing: { try JobFile(yaml: yaml, source: "t.yaml") }, throws: { error in
                (error as? JobFile.FileError)?.key == key
            })
        }
    }

    @Test("cron: matching, the last fire time, and systemd calendars")
    func cron() throws {
        let shanghai = TimeZone(identifier: "Asia/Shanghai")!
        let nightly = try CronSchedule("30 2 * * *")
        // 2025-03-10 01:00 in Shanghai is 2025-03-09 17:00 UTC: the last fire was 2025-03-09 02:30 local.
        let now = ISO8601DateFormatter().date(from: "2025-03-09T17:00:00Z")!
        #expect(nightly.previousFire(atOrBefore: now, timeZone: shanghai) == ISO8601DateFormatter().date(from: "2025-03-08T18:30:00Z"))
        #expect(nightly.onCalendar == ["*-*-* 02:30:00"])
        let annual = try CronSchedule("0 4 15 3 *")
        #expect(annual.previousFire(atOrBefore: now, timeZone: shanghai) == ISO8601DateFormatter().date(from: "2024-03-14T20:00:00Z"))
        #expect(annual.onCalendar == ["*-03-15 04:00:00"])
        let both = try CronSchedule("0,30 8,20 1,15 * 1,7")
        #expect(both.onCalendar == ["*-*-01,15 08,20:00,30:00", "Sun,Mon *-*-* 08,20:00,30:00"])
        #expect(both.matches(minute: 30, hour: 20, day: 2, month: 5, weekday: 0))   // Sunday, any day: cron ORs
        #expect(!both.matches(minute: 31, hour: 20, day: 1, month: 5, weekday: 3))
    }

    @Test("deploy/ holds exactly what `mujun schedule print` renders")
    func deployFilesDoNotDrift() throws {
        let jobs = MujunBinary.packageRoot.appendingPathComponent("jobs").path
        let places: [(String, String)] = [("crontab", "deploy/cron"), ("systemd", "deploy/systemd"), ("k8s", "deploy/k8s")]
        for (format, folder) in places {
            let out = try TemporaryDirectory()
            let result = try MujunBinary.run(["schedule", "print", "--format", format, "--out", out.url.path, "--jobs-dir", jobs])
            #expect(result.status == 0, "\(result.stderr)")
            for name in try FileManager.default.contentsOfDirectory(atPath: out.url.path) {
                let rendered = try String(contentsOf: out.url.appendingPathComponent(name), encoding: .utf8)
                let committed = try? String(contentsOf: MujunBinary.packageRoot.appendingPathComponent("\(folder)/\(name)"), encoding: .utf8)
                #expect(committed == rendered, "\(folder)/\(name) differs from `mujun schedule print --format \(format)`: re-render it")
            }
        }
    }
}
