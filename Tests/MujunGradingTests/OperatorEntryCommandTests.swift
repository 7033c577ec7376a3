import Foundation
import MujunDatabase
import MujunTestSupport
import Testing

/// `mujun veto` and `mujun review set|list` as an operator types them (spec evaluation.md §5,
/// seed 003_a0174000c3a42330.txt for the review): each entry is kept with who, when, why and
/// the document number, and applies to the evaluation runs of its year made after it; runs
/// made before keep their grades. Grades are those of GradingTests' worked example.
@Suite("Grading: mujun veto and mujun review on the command line")
struct OperatorEntryCommandTests {
    static func mujun(_ fixture: GradingFixture, _ arguments: [String]) throws -> MujunBinary.Outcome {
        try MujunBinary.run(arguments, environment: fixture.db.environment)
    }

    /// The 2024 grade row of a firm in the latest run (see GradingFixture.rows).
    static func latest(_ fixture: GradingFixture, _ firm: String) throws -> String? {
        let run = try fixture.connection.execute("SELECT max(run_id) FROM runs.evaluation_runs WHERE year = 2024").scalarInt()
        return try fixture.rows(Int64(run))[firm]
    }

    @Test("mujun veto: records the audit trail; D where it says so, C by default; later runs only")
    func veto() throws {
        let fixture = try GradingFixture()
        let before = try Self.mujun(fixture, ["evaluate", "--year", "2024"])
        #expect(before.status == 0, "\(before.stderr)")

        let toD = try Self.mujun(fixture, ["veto", "--year", "2024", GradingFixture.uscc("F7"), "--to", "D",
                                           "--reason", "重大安全事故", "--document", "安监〔2024〕9号", "--by", "张"])
        #expect(toD.status == 0, "\(toD.stderr)")
        #expect(toD.stderr.contains("veto 1 recorded for 2024: applies from the next evaluation run of 2024"))
        // Lower case and surrounding blanks are how codes get typed; the entry keeps the code itself.
        let toC = try Self.mujun(fixture, ["veto", "--year", "2024", " " + GradingFixture.uscc("F6").lowercased() + " ",
                                           "--reason", "环保处罚", "--by", "张"])
        #expect(toC.status == 0, "\(toC.stderr)")
        #expect(try fixture.county.strings("""
            SELECT veto_id, year, uscc, to_grade, reason, coalesce(document_no, '-'), made_by, made_at IS NOT NULL, withdrawn
            FROM runs.grade_vetoes ORDER BY veto_id
            """) == [
                "1|2024|\(GradingFixture.uscc("F7"))|D|重大安全事故|安监〔2024〕9号|张|t|f",
                "2|2024|\(GradingFixture.uscc("F6"))|C|环保处罚|-|张|t|f",
            ])

        // The run made before the vetoes is unchanged; the next one applies them.
        #expect(try Self.latest(fixture, "F7") == "B B 50.7040 4 10 above  0")
        let after = try Self.mujun(fixture, ["evaluate", "--year", "2024"])
        #expect(after.status == 0, "\(after.stderr)")
        #expect(try Self.latest(fixture, "F7") == "D B 50.7040 4 10 above veto 1")
        #expect(try Self.latest(fixture, "F6") == "C B 46.6131 5 10 above veto 0")
        #expect(try Self.latest(fixture, "F5") == "B B 42.5222 6 10 above  0")
        #expect(try fixture.county.strings("""
            SELECT count(*) FILTER (WHERE grade <> computed_grade) FROM runs.enterprise_grades
            WHERE run_id = (SELECT min(run_id) FROM runs.evaluation_runs)
            """) == ["0"])  // the shipped default: F10's idle parcel is not determined (认定), so no idle-land veto (procedure.md §3)
    }

    @Test("mujun veto refuses what is not a veto, and records nothing")
    func vetoUsageErrors() throws {
        let fixture = try GradingFixture()
        let code = GradingFixture.uscc("F7")
        for arguments in [
            ["veto", "--year", "2024", "91350200M000000510", "--reason", "r"],   // wrong check character (domain.md)
            ["veto", "--year", "2024", code, "--to", "B", "--reason", "r"],      // a veto lowers to C or D only
            ["veto", "--year", "2024", code, "--reason", "  "],                  // no reason
            ["veto", "--year", "2024", code],                                    // no reason at all
            ["veto", code, "--reason", "r"],                                     // no year
        ] {
            let outcome = try Self.mujun(fixture, arguments)
            #expect(outcome.status == 64, "\(arguments): \(outcome.stderr)")
        }
        let bad = try Self.mujun(fixture, ["veto", "--year", "2024", "91350200M000000510", "--reason", "r"])
        #expect(bad.stderr.contains("\"91350200M000000510\" is not a valid 统一社会信用代码"))
        #expect(try fixture.county.strings("SELECT count(*) FROM runs.grade_vetoes") == ["0"])
    }

    @Test("mujun review set: the latest review replaces the grade, after any veto; review list shows the trail")
    func review() throws {
        let fixture = try GradingFixture()
        let code1 = GradingFixture.uscc("F1"), code7 = GradingFixture.uscc("F7")
        let steps: [[String]] = [
            ["review", "set", "--year", "2024", code1, "B", "--reason", "first", "--by", "李"],
            ["review", "set", "--year", "2024", code1, "C", "--reason", "复核：退税已更正", "--document", "复〔2025〕1号", "--by", "李"],
            ["veto", "--year", "2024", code7, "--to", "D", "--reason", "重大安全事故", "--by", "张"],
            ["review", "set", "--year", "2024", code7, "B", "--reason", "复核：事故不属企业责任", "--by", "李"],
            ["review", "set", "--year", "2023", code1, "A", "--reason", "other year", "--by", "王"],
        ]
        for arguments in steps {
            let outcome = try Self.mujun(fixture, arguments)
            #expect(outcome.status == 0, "\(arguments): \(outcome.stderr)")
        }
        #expect(try fixture.county.strings("""
            SELECT review_id, year, uscc, grade, reason, coalesce(document_no, '-'), made_by, made_at IS NOT NULL
            FROM runs.grade_reviews ORDER BY review_id
            """) == [
                "1|2024|\(code1)|B|first|-|李|t",
                "2|2024|\(code1)|C|复核：退税已更正|复〔2025〕1号|李|t",
                "3|2024|\(code7)|B|复核：事故不属企业责任|-|李|t",
                "4|2023|\(code1)|A|other year|-|王|t",
            ])

        let run = try Self.mujun(fixture, ["evaluate", "--year", "2024"])
        #expect(run.status == 0, "\(run.stderr)")
        // Computed D, reviewed C (the later of two reviews); the 2023 review does not reach 2024.
        #expect(try Self.latest(fixture, "F1") == "C D 9.2105 10 10 above review 0")
        // Vetoed to D, then reviewed back to B: the review is the last override (evaluation.md §5).
        #expect(try Self.latest(fixture, "F7")?.hasPrefix("B B 50.7040 4 10 above ") == true)

        let list = try Self.mujun(fixture, ["review", "list", "--year", "2024", "--json"])
        #expect(list.status == 0, "\(list.stderr)")
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(entries.map { "\($0["kind"]!) \($0["id"]!) \($0["uscc"]!) \($0["grade"]!) \($0["made_by"]!)" } == [
            "review 1 \(code1) B 李", "review 2 \(code1) C 李", "veto 1 \(code7) D 张", "review 3 \(code7) B 李",
        ])
        #expect(entries[1]["document_no"] as? String == "复〔2025〕1号")
        #expect(entries[0]["document_no"] is NSNull || entries[0]["document_no"] == nil)
        #expect(entries.allSatisfy { ($0["made_at"] as? String)?.hasSuffix("Z") == true && $0["year"] as? Int == 2024 })
        let all = try Self.mujun(fixture, ["review", "list"])
        #expect(all.status == 0)
        let lines = all.stdout.split(separator: "\n").map { $0.split(separator: "\t").dropFirst().joined(separator: "|") }
        #expect(lines == [
            "review|2024|\(code1)|B|李|-|first",
            "review|2024|\(code1)|C|李|复〔2025〕1号|复核：退税已更正",
            "veto|2024|\(code7)|D|张|-|重大安全事故",
            "review|2024|\(code7)|B|李|-|复核：事故不属企业责任",
            "review|2023|\(code1)|A|王|-|other year",
        ])

        for bad in [["review", "set", "--year", "2024", code1, "E", "--reason", "r"],
                    ["review", "set", "--year", "2024", "not-a-code", "A", "--reason", "r"],
                    ["review", "set", "--year", "2024", code1, "A"]] {
            #expect(try Self.mujun(fixture, bad).status == 64, "\(bad)")
        }
        #expect(try fixture.county.strings("SELECT count(*) FROM runs.grade_reviews") == ["4"])
    }

    @Test("mujun adjust add|list|revoke: the trail, ±points with 2 decimals, --doc required, --json one object")
    func adjust() throws {
        let fixture = try GradingFixture()
        let f4 = GradingFixture.uscc("F4")
        let add = try Self.mujun(fixture, ["adjust", "add", "--year", "2024", "--uscc", f4, "--points", "-1.50", "--item", "安全生产",
                                           "--doc", "应急〔2025〕2号", "--why", "一般事故", "--by", "赵", "--json"])
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stderr.contains("adjustment 1 recorded for 2024: -1.50 (安全生产)"))
        #expect(add.stdout.contains("\"points\" : \"-1.50\"") && add.stdout.contains("\"entered_by\" : \"赵\""))
        // Three decimals, no document, an empty reason: usage errors (64), nothing recorded.
        #expect(try Self.mujun(fixture, ["adjust", "add", "--year", "2024", "--uscc", f4, "--points", "1.005", "--item", "x",
                                         "--doc", "D", "--reason", "r"]).status == 64)
        #expect(try Self.mujun(fixture, ["adjust", "add", "--year", "2024", "--uscc", f4, "--points", "1", "--item", "x",
                                         "--reason", "r"]).status == 64)
        #expect(try Self.mujun(fixture, ["exempt", "add", "--year", "2024", "--uscc", f4, "--doc", "D", "--reason", " "]).status == 64)
        #expect(try fixture.county.int("SELECT count(*) FROM runs.grade_adjustments") == 1)
        let revoke = try Self.mujun(fixture, ["adjust", "revoke", "1", "--reason", "复核撤销", "--by", "钱"])
        #expect(revoke.status == 0 && revoke.stderr.contains("adjustment 1 revoked"), "\(revoke.stderr)")
        #expect(try Self.mujun(fixture, ["adjust", "revoke", "9", "--reason", "x"]).status == 65)
        let list = try Self.mujun(fixture, ["adjust", "list", "--year", "2024", "--json"])
        #expect(list.status == 0 && list.stdout.hasPrefix("{") && list.stdout.contains("\"adjustments\""))
        #expect(list.stdout.contains("\"revoked_by\" : \"钱\"") && list.stderr.contains("1 adjustment(s) of 2024"))
        #expect(try fixture.county.strings("SELECT kind, points, document_no, revoked, revoke_reason FROM mart.operator_entries")
                == ["adjustment|-1.50|应急〔2025〕2号|t|复核撤销"])
    }
}

