import Foundation
import MujunCore
import MujunDatabase
import MujunIngest
import MujunTestSupport
import Testing

/// The skip rule of `mujun run` (spec jobs.md "Job runs"): a step whose inputs key equals that
/// of a succeeded step is skipped. The evaluate step's key is the year, publish, the policy's
/// SHA-256, the last applied batch and the last veto and review; the export step's is the
/// lists, the evaluation and flag runs the lists are made from, the policy, the output folder
/// and, unless `when: inputs-changed`, the date. Each part of a key is changed once below and
/// must make the step run again; nothing else may. The county is GradingTests' worked example
/// (2024 complete), and the run's date is in March 2025, so `previous` is 2024.
@Suite("Job runs: a step runs again exactly when its inputs change")
struct JobStepInputsTests {
    struct Site {
        let fixture: GradingFixture
        let folder: JobFolder
        var root: TemporaryDirectory { folder.root }
        var out: URL { folder.out }

        init(steps: [String]) throws {
            fixture = try GradingFixture()
            folder = try JobFolder(name: "inputs", steps: steps, schedule: "0 4 15 3 *", directPublication: true)
        }

        func mujun(_ arguments: [String], date: String = "2025-03-15") throws -> MujunBinary.Outcome {
            var env = fixture.db.environment
            env["MUJUN_TODAY"] = date
            return try MujunBinary.run(arguments, environment: env)
        }

        /// Runs the job on `date` and returns its steps as "name:state".
        func run(_ date: String = "2025-03-15", _ extra: [String] = [], exit: Int32 = 0) throws -> [String] {
            let outcome = try mujun(["run", folder.name, "--jobs-dir", folder.jobs.path, "--json"] + extra, date: date)
            #expect(outcome.status == exit, "\(outcome.stderr)")
            return JobFolder.steps(outcome)
        }

        func count(_ table: String) throws -> Int {
            try fixture.county.int("SELECT count(*) FROM \(table)")
        }

        /// A grade row (see GradingFixture.rows) of the latest published 2024 run.
        func published(_ firm: String) throws -> String? {
            let run = try fixture.county.int("SELECT max(run_id) FROM runs.evaluation_runs WHERE year = 2024 AND published")
            return try fixture.rows(Int64(run))[firm]
        }
    }

    @Test("evaluate: skipped for the same inputs; a veto, a review, an exemption or its revocation, a batch, a policy or another year run it")
    func evaluateStep() throws {
        let site = try Site(steps: ["evaluate: {year: previous, publish: true}"])
        #expect(try site.run() == ["evaluate:succeeded"])
        #expect(try site.run() == ["evaluate:skipped"])
        // A later day of the same year grades the same year on the same data.
        #expect(try site.run("2025-11-30") == ["evaluate:skipped"])
        #expect(try site.count("runs.evaluation_runs") == 1)

        let veto = try site.mujun(["veto", "--year", "2024", GradingFixture.uscc("F6"), "--reason", "环保处罚", "--by", "张"])
        #expect(veto.status == 0, "\(veto.stderr)")
        #expect(try site.run() == ["evaluate:succeeded"])
        #expect(try site.published("F6") == "C B 46.6131 5 10 above veto 0")
        #expect(try site.run() == ["evaluate:skipped"])

        let review = try site.mujun(["review", "set", "--year", "2024", GradingFixture.uscc("F1"), "C", "--reason", "复核", "--by", "李"])
        #expect(review.status == 0, "\(review.stderr)")
        #expect(try site.run() == ["evaluate:succeeded"])
        #expect(try site.published("F1") == "C D 9.2105 10 10 above review 0")
        #expect(try site.run() == ["evaluate:skipped"])
        #expect(try site.count("runs.evaluation_runs") == 3)

        // An exemption, and its revocation, each make a new run (edition 2: they change grades).
        let exempt = try site.mujun(["exempt", "add", "--year", "2024", "--uscc", GradingFixture.uscc("F7"), "--doc", "政办〔2025〕3号",
                                     "--reason", "重大项目", "--by", "王", "--json"])
        #expect(exempt.status == 0, "\(exempt.stderr)")
        #expect(exempt.stdout.contains("\"document_no\" : \"政办〔2025〕3号\""))
        #expect(try site.run() == ["evaluate:succeeded"])
        #expect(try site.published("F7") == "T T - - - above exempted 0")
        #expect(try site.run() == ["evaluate:skipped"])
        let id = try site.fixture.connection.execute("SELECT max(exemption_id) FROM runs.grade_exemptions").scalar() ?? ""
        #expect(try site.mujun(["exempt", "revoke", id, "--why", "撤销"]).status == 0)
        #expect(try site.mujun(["exempt", "revoke", id, "--why", "again"]).status == 65)
        #expect(try site.run() == ["evaluate:succeeded"])
        #expect(try site.published("F7") == "B B 50.7040 4 10 above  0")
        #expect(try site.count("runs.evaluation_runs") == 5)

        // A new applied batch (any kind), then the same file again (already applied: no new batch).
        let accounts = "utility,account_no,uscc,account_name\n水,5001,\(GradingFixture.uscc("F1")),水F1\n"
        try site.fixture.load(.accounts, "accounts_2025-03-01.csv", accounts)
        #expect(try site.run() == ["evaluate:succeeded"])
        let again = try site.fixture.county.load(.accounts, "accounts_2025-03-01.csv", accounts,
                                                 options: IngestOptions(today: CalendarDay("2025-03-15")!))
        #expect(again.status == .alreadyApplied)
        #expect(try site.run() == ["evaluate:skipped"])

        // Another policy profile: the shipped one with one value changed.
        let yaml = try CountyFixture.directPublicationYAML(name: "custom")
        #expect(yaml.contains("electricity: {C: 0,"))
        let custom = try site.root.write("policies/custom.yaml",
                                         yaml.replacingOccurrences(of: "electricity: {C: 0,", with: "electricity: {C: 0.03,"))
        try site.folder.write(steps: ["evaluate: {year: previous, publish: true}"], schedule: "0 4 15 3 *", policy: custom.path)
        #expect(try site.run() == ["evaluate:succeeded"])
        #expect(try site.run() == ["evaluate:skipped"])
        #expect(try site.count("runs.evaluation_runs") == 7)

        // In 2026, `previous` is 2025, which has no data: the step runs, and is refused (65).
        #expect(try site.run("2026-03-15", exit: 65) == ["evaluate:failed"])
        #expect(try site.count("runs.evaluation_runs") == 7)
    }

    @Test("export: skipped for the same inputs; a new date, a new flag run or another folder run it")
    func exportStep() throws {
        let site = try Site(steps: ["evaluate: {year: previous, publish: true}", "flag: {as_of: today}", "export: {lists: all}"])
        #expect(try site.run() == ["evaluate:succeeded", "flag:succeeded", "export:succeeded"])
        let electricity = site.out.appendingPathComponent("electricity/2025-03-15/electricity.csv")
        let first = try Data(contentsOf: electricity)
        #expect(try site.run() == ["evaluate:skipped", "flag:skipped", "export:skipped"])
        #expect(try site.count("runs.list_exports") == 5)
        #expect(try Data(contentsOf: electricity) == first)

        // The next day: the same year's grades, a flag run as of the new day, lists of the new day.
        #expect(try site.run("2025-03-16") == ["evaluate:skipped", "flag:succeeded", "export:succeeded"])
        #expect(try site.count("runs.list_exports") == 10)
        #expect(try site.run("2025-03-16") == ["evaluate:skipped", "flag:skipped", "export:skipped"])

        // Another output folder is another export.
        let elsewhere = site.root.url.appendingPathComponent("elsewhere")
        #expect(try site.run("2025-03-16", ["--out", elsewhere.path]) == ["evaluate:skipped", "flag:skipped", "export:succeeded"])
        #expect(FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("water/2025-03-16/water.csv").path))
        #expect(try site.count("runs.list_exports") == 15)
    }

    @Test("export when inputs changed: a new date alone skips it; a new flag or evaluation run does not")
    func exportWhenInputsChanged() throws {
        let site = try Site(steps: ["evaluate: {year: previous, publish: true}", "export: {lists: all, when: inputs-changed}"])
        #expect(try site.mujun(["flag", "--as-of", "2025-03-01"]).status == 0)
        #expect(try site.run() == ["evaluate:succeeded", "export:succeeded"])
        #expect(try site.run("2025-03-16") == ["evaluate:skipped", "export:skipped"])
        #expect(try site.count("runs.list_exports") == 5)

        // A later flag run on or before the date is what the lists are made from now.
        #expect(try site.mujun(["flag", "--as-of", "2025-03-10"]).status == 0)
        #expect(try site.run("2025-03-16") == ["evaluate:skipped", "export:succeeded"])
        // A flag run after the date is not.
        #expect(try site.mujun(["flag", "--as-of", "2025-04-01"]).status == 0)
        #expect(try site.run("2025-03-17") == ["evaluate:skipped", "export:skipped"])

        // A veto makes a new published evaluation run, and so new lists.
        let veto = try site.mujun(["veto", "--year", "2024", GradingFixture.uscc("F6"), "--reason", "环保处罚", "--by", "张"])
        #expect(veto.status == 0, "\(veto.stderr)")
        #expect(try site.run("2025-03-17") == ["evaluate:succeeded", "export:succeeded"])
        #expect(try site.count("runs.list_exports") == 15)
        #expect(try site.run("2025-03-18") == ["evaluate:skipped", "export:skipped"])
    }
}
