import Foundation
import MujunCore
import MujunDatabase
import MujunGrading
import MujunPolicy
@testable import MujunLists
import MujunTestSupport
import Testing

/// The procedure of grades (procedure.md §1–§2): notice, objections, answers, publication and
/// the dates lists take from it.
///
/// The county: firms A1…A10 on 15 mu each, tax 15 000 × i yuan, so tax_per_mu = 1 000 × i; one
/// indicator, weight 100, fixed benchmark 10 000 yuan/mu: A_i scores 10 × i. Ten firms, cuts
/// 20/60/95 %: A10, A9 are A; A8–A5 B; A4–A2 C; A1 D. The notice begins on the day the run is
/// computed (d0, the deployment's today); "today" is moved forward for the later steps.
@Suite("Procedure: notice, objections, publication")
struct ProcedureTests {
    final class Site {
        let county: Edition2County
        let profile: PolicyProfile
        let out = try! TemporaryDirectory()
        let d0: CalendarDay

        init() throws {
            county = try Edition2County((1...10).map { Edition2County.Firm("A\($0)", tax: String(15000 * $0), kwh: "1000") },
                                        years: [2023, 2024])
            profile = try Edition2County.profile(above: "      tax_per_mu:   {weight: 100, benchmark: 10000}",
                                                 below: "      tax_per_mu:   {weight: 100, benchmark: 10000}",
                                                 replacing: [("max_bonus: 0, max_deduction: 0", "max_bonus: 5, max_deduction: 5")])
            d0 = try CalendarDay.today()
        }

        var connection: Connection { county.connection }
        func uscc(_ name: String) -> String { county.uscc(name) }

        /// d0 + n days.
        func day(_ n: Int) throws -> CalendarDay {
            CalendarDay(try county.county.scalar("SELECT to_char($1::date + $2::int, 'YYYY-MM-DD')", [d0.description, n])!)!
        }

        func evaluate(_ year: Int = 2024, publish: Bool = false) throws -> Int64 {
            try county.evaluate(year, profile, publish: publish).runID
        }

        func notice(_ run: Int64, from: Int = 0, days: Int = 7) throws -> NoticeWriter.Summary {
            try NoticeWriter(connection: connection).notice(run, from: try day(from), days: days, to: out.url,
                                                            generatorVersion: "mujun test", madeBy: "test", today: try day(from))
        }

        func object(_ name: String, received: Int, today: Int = 20) throws -> Objections.Objection {
            try Objections(connection: connection).add(year: 2024, uscc: uscc(name), received: try day(received), by: "窗口",
                                                       reason: "对亩均税收数据有异议", documentNo: nil, today: try day(today))
        }

        func publish(_ run: Int64, decision: String? = "评〔2025〕1号", on: Int, today: Int = 30) throws -> Publication {
            try Evaluator(connection: connection).publish(run, decisionNo: decision, on: try day(on), today: try day(today))
        }

        func grade(_ run: Int64, _ name: String) throws -> String {
            try county.county.scalar("SELECT grade || ' ' || reasons FROM runs.enterprise_grades WHERE run_id = $1 AND uscc = $2",
                                     [Int(run), uscc(name)]) ?? "-"
        }

        func folder(_ run: Int64) -> URL {
            out.url.appendingPathComponent("notice/2024/run-\(run)")
        }
    }

    static func refusal(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "accepted"
        } catch let error as GradingError {
            return ExitReason(error) == .dataError ? error.message : "exit \(ExitReason(error).code): \(error.message)"
        } catch {
            return "\(error)"
        }
    }

    @Test("the notice list and a letter show the hand-computed scores, ranks and the next class's lowest score")
    func noticeFiles() throws {
        let site = try Site()
        let run = try site.evaluate()
        let notice = try site.notice(run, days: 7)
        #expect(notice.noticeFrom == site.d0.description)
        #expect(notice.noticeUntil == (try site.day(6)).description)
        #expect(notice.rows == 10 && notice.letters == 10)
        let csv = try String(contentsOf: site.folder(run).appendingPathComponent("notice.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\r\n").map(String.init)
        #expect(try Data(contentsOf: site.folder(run).appendingPathComponent("notice.csv")).prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        #expect(lines[0] == "评价年度 year,统一社会信用代码 uscc,企业名称 enterprise_name,区划代码 region_code,组别 cohort,"
                + "评价等级 grade,计算等级 computed_grade,得分 score,排名 rank,组内企业数 cohort_size,亩均税收 tax_per_mu,原因 reasons")
        #expect(lines.count == 11)
        #expect(lines.contains("2024,\(site.uscc("A1")),企业A1,320101,above,D,D,10.0000,10,10,1000.00,"))
        #expect(lines.contains("2024,\(site.uscc("A9")),企业A9,320101,above,A,A,90.0000,2,10,9000.00,"))

        // A1 (D) needed C's lowest score, A2's 20; A5 (B) needed A's lowest, A9's 90; A10 needs nothing.
        func letter(_ name: String) throws -> String {
            try String(contentsOf: site.folder(run).appendingPathComponent("letters/\(site.uscc(name)).html"), encoding: .utf8)
        }
        let a1 = try letter("A1")
        #expect(a1.contains("企业A1") && a1.contains(site.uscc("A1")))
        #expect(a1.contains("本组C类企业的最低得分：<b>20.0000</b>"))
        #expect(a1.contains("<td class=\"n\">10 / 10</td>"))
        // 1 000 yuan/mu = 0.10 万元/亩 beside the benchmark 1.00, 10 points.
        #expect(a1.contains("<td>亩均税收</td><td>万元/亩</td><td class=\"n\">0.10</td><td class=\"n\">1.00</td><td class=\"n\">100</td><td class=\"n\">10.0000</td>"))
        #expect(a1.contains("\(site.d0) 至 \(try site.day(6))"))
        #expect(!a1.contains("http"))
        #expect(try letter("A5").contains("本组A类企业的最低得分：<b>90.0000</b>"))
        #expect(!(try letter("A10")).contains("最低得分"))

        // The manifest lists every file with its hash; the files are mode 0640.
        let manifest = try JSONSerialization.jsonObject(
            with: Data(contentsOf: site.folder(run).appendingPathComponent("manifest.json"))) as? [String: Any]
        let files = manifest?["files"] as? [String: String] ?? [:]
        #expect(files.count == 12)
        #expect(files["letters/\(site.uscc("A1")).html"] == sha256Hex(Data(a1.utf8)))
        let mode = try FileManager.default.attributesOfItem(atPath: site.folder(run).appendingPathComponent("notice.csv").path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        #expect(try site.county.county.int("SELECT count(*) FROM runs.notices WHERE run_id = $1", [Int(run)]) == 1)
    }

    @Test("notice.csv in GB18030 decodes to the UTF-8 file's text, without a byte-order mark")
    func noticeGB18030() throws {
        let site = try Site()
        let run = try site.evaluate()
        let other = try site.evaluate()
        _ = try site.notice(run)
        let gb = try TemporaryDirectory()
        _ = try NoticeWriter(connection: site.connection).notice(other, from: site.d0, to: gb.url, encoding: .gb18030,
                                                                 generatorVersion: "mujun test", madeBy: "t", today: site.d0)
        // The two runs grade alike, and the file names no run: the same text in two encodings.
        let utf8 = try Data(contentsOf: site.folder(run).appendingPathComponent("notice.csv"))
        let bytes = try Data(contentsOf: gb.url.appendingPathComponent("notice/2024/run-\(other)/notice.csv"))
        #expect(!bytes.starts(with: [0xEF, 0xBB, 0xBF]) && bytes != utf8.dropFirst(3))
        let decoded = String(data: bytes, encoding: String.Encoding(rawValue: 0x8000_0632))
        #expect(decoded != nil && decoded == String(decoding: utf8.dropFirst(3), as: UTF8.self))
        #expect(decoded?.contains("企业A1") == true)
    }

    @Test("objections: the first and last day of the notice are accepted, the day after and a second one refused")
    func objectionWindow() throws {
        let site = try Site()
        let run = try site.evaluate()
        #expect(Self.refusal { _ = try site.object("A1", received: 0) }.hasPrefix("no run of 2024 is under notice"))
        _ = try site.notice(run, days: 7)
        let first = try site.object("A1", received: 0)
        #expect(first.state == "open" && first.runID == run)
        _ = try site.object("A2", received: 6)
        #expect(Self.refusal { _ = try site.object("A3", received: 7) }
                == "received \(try site.day(7)) is outside the notice period of 2024, \(site.d0)–\(try site.day(6)) (run \(run)): 逾期视为无异议")
        #expect(Self.refusal { _ = try site.object("A1", received: 3) }.contains("already objected to 2024"))
        #expect(Self.refusal { _ = try site.object("A4", received: 5, today: 4) } == "received \(try site.day(5)) is after today (\(try site.day(4)))")
        let objections = try Objections(connection: site.connection)
        #expect(try objections.list(year: 2024, open: true).map(\.uscc) == [site.uscc("A1"), site.uscc("A2")])

        // Answered by a review (the same grade: dismissed in substance) and by a dismissal; neither twice.
        _ = try OperatorEntries(connection: site.connection).review(
            year: 2024, uscc: site.uscc("A1"), grade: "D", reason: "复核维持", documentNo: "复〔2025〕1号", madeBy: "t",
            objection: first.id)
        #expect(Self.refusal { _ = try OperatorEntries(connection: site.connection).review(
            year: 2024, uscc: site.uscc("A2"), grade: "C", reason: "x", documentNo: nil, madeBy: "t", objection: first.id) }
            .hasPrefix("exit 64"))
        #expect(Self.refusal { _ = try OperatorEntries(connection: site.connection).review(
            year: 2024, uscc: site.uscc("A1"), grade: "C", reason: "x", documentNo: nil, madeBy: "t", objection: first.id) }
            .contains("already answered"))
        let second = try objections.list(year: 2024, open: true)[0]
        _ = try objections.dismiss(second.id, reason: "数据无误", documentNo: nil, by: "t")
        #expect(Self.refusal { _ = try objections.dismiss(second.id, reason: "again", documentNo: nil, by: "t") }.contains("already answered"))
        #expect(try objections.list(year: 2024).map(\.state) == ["answered", "dismissed"])
    }

    @Test("publish is refused with every reason; a later run is noticed and published, re-applying a veto entered since")
    func publication() throws {
        let site = try Site()
        _ = try site.evaluate(2023, publish: true)   // edition 1's direct publication, dated 2024-01-01
        let run = try site.evaluate()
        #expect(Self.refusal { _ = try site.publish(run, on: 10) }.contains("was never put under notice"))
        _ = try site.notice(run, days: 7)
        let objection = try site.object("A1", received: 2)
        _ = try DecisionEntries(connection: site.connection).adjust(
            year: 2024, uscc: site.uscc("A3"), points: "+2", item: "技改", documentNo: "加〔2025〕1号", reason: "r", enteredBy: "t")
        let refused = Self.refusal { _ = try site.publish(run, decision: nil, on: 6) }
        #expect(refused.hasPrefix("run \(run) cannot be published on \(try site.day(6)): "))
        #expect(refused.contains("--decision-no is required"))
        #expect(refused.contains("the notice period runs until \(try site.day(6)): publish on \(try site.day(7)) or later"))
        #expect(refused.contains("objections of 2024 unanswered: #\(objection.id) (\(site.uscc("A1")))"))
        #expect(refused.contains("adjustment #"))
        #expect(Self.refusal { _ = try site.publish(run, on: 31, today: 30) }.contains("is after today"))

        // The adjustment needs a new run: noticed from d8, it withdraws the first notice and takes
        // over the open objection, which a review then answers.
        // status (details.md #130): the run under notice, its objection, the day lists would take it.
        let status = try ProcedureStatus.collect(site.connection, today: (try site.day(3)).description)
        #expect(status.underNotice.count == 1 && status.underNotice[0].objectionsOpen == 1)
        #expect(status.underNotice[0].nextEffective == (try site.day(7)).description)
        #expect(status.published.map(\.year) == [2023])

        let second = try site.evaluate()
        let notice = try site.notice(second, from: 8, days: 5)
        #expect(notice.withdrew != nil)
        #expect(try Objections(connection: site.connection).find(objection.id)?.runID == second)
        #expect(Self.refusal { _ = try site.publish(run, on: 20) }.contains("was withdrawn on \(try site.day(8))"))
        _ = try OperatorEntries(connection: site.connection).review(
            year: 2024, uscc: site.uscc("A1"), grade: "D", reason: "复核维持", documentNo: "复〔2025〕2号", madeBy: "t",
            objection: objection.id)
        // A veto recorded after the run was computed applies at publication.
        _ = try OperatorEntries(connection: site.connection).veto(
            year: 2024, uscc: site.uscc("A10"), to: "C", reason: "安全事故", documentNo: "否〔2025〕1号", madeBy: "t")
        #expect(try site.grade(second, "A10") == "A ")
        let published = try site.publish(second, on: 13)
        #expect(published.publishedOn == (try site.day(13)).description && published.decisionNo == "评〔2025〕1号")
        #expect(published.regraded == 1)
        #expect(try site.grade(second, "A10") == "C veto")
        #expect(try site.grade(second, "A1") == "D review")
        #expect(try site.county.county.scalar(
            "SELECT consecutive_d_years::text FROM runs.enterprise_grades WHERE run_id = $1 AND uscc = $2",
            [Int(second), site.uscc("A1")]) == "2")   // 2023 (D too) was published before d13
        #expect(Self.refusal { _ = try site.publish(second, on: 14) }.contains("already published"))

        // procedure.md §2: a list dated the day before the publication uses 2023 (in force from its
        // own publication on 1 January 2024); one dated on it uses 2024 from the
        // publication date, at the second D year's step.
        func electricity(_ day: Int) throws -> String {
            _ = try ListExporter(connection: site.connection).export(
                [.electricity], date: try site.day(day), to: site.out.url, policy: site.profile,
                generatorVersion: "mujun test", madeBy: "test")
            return try site.county.county.strings("""
                SELECT e.evaluation_year || ' ' || r.uscc || ' ' || r.reason_codes || ' ' || r.surcharge || ' ' || r.effective_from
                FROM runs.list_rows r JOIN runs.list_exports e USING (export_id)
                WHERE export_id = (SELECT max(export_id) FROM runs.list_exports)
                """).joined(separator: "; ")
        }
        #expect(try electricity(12) == "2023 \(site.uscc("A1")) grade_D 0.05 2024-01-01")
        #expect(try electricity(13) == "2024 \(site.uscc("A1")) grade_D 0.08 \(try site.day(13))")
    }

    @Test("a notice killed before or after its folder is published leaves no notice; rerunning completes with the same bytes")
    func killedNotice() throws {
        let site = try Site()
        let run = try site.evaluate()
        struct Killed: Error {}
        let writer = NoticeWriter(connection: site.connection)
        writer.beforePublish = { _ in throw Killed() }
        #expect(throws: Killed.self) {
            _ = try writer.notice(run, from: site.d0, to: site.out.url, generatorVersion: "t", madeBy: "t", today: site.d0)
        }
        #expect(try site.county.county.int("SELECT count(*) FROM runs.notices") == 0)
        #expect(!FileManager.default.fileExists(atPath: site.folder(run).path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.out.url.appendingPathComponent("notice/2024").path).isEmpty)

        writer.beforePublish = nil
        writer.beforeCommit = { throw Killed() }
        #expect(throws: Killed.self) {
            _ = try writer.notice(run, from: site.d0, to: site.out.url, generatorVersion: "t", madeBy: "t", today: site.d0)
        }
        #expect(try site.county.county.int("SELECT count(*) FROM runs.notices") == 0)
        let leftover = try Data(contentsOf: site.folder(run).appendingPathComponent("manifest.json"))

        writer.beforeCommit = nil
        _ = try writer.notice(run, from: site.d0, to: site.out.url, generatorVersion: "t", madeBy: "t", today: site.d0)
        #expect(try site.county.county.int("SELECT count(*) FROM runs.notices") == 1)
        #expect(try Data(contentsOf: site.folder(run).appendingPathComponent("manifest.json")) == leftover)
        #expect(Self.refusal { _ = try site.notice(run) }.contains("already under notice"))
    }

    @Test("a publication killed mid-way leaves the run unpublished")
    func killedPublication() throws {
        let site = try Site()
        let run = try site.evaluate()
        _ = try site.notice(run, days: 1)
        // A trigger fails the last statement of the publication (the run's own row), after the
        // grades were rewritten and the year's previous publication replaced: all of it rolls back.
        let other = try site.evaluate()
        try site.connection.execute("UPDATE runs.evaluation_runs SET published = true, published_on = $2::date WHERE run_id = $1",
                                    [Int(other), site.d0.description])
        try site.connection.execute("""
            CREATE OR REPLACE FUNCTION runs.fail_publication() RETURNS trigger LANGUAGE plpgsql AS
            $$BEGIN IF NEW.published_on IS NOT NULL AND NEW.run_id = \(run) THEN RAISE EXCEPTION 'killed'; END IF; RETURN NEW; END$$
            """)
        try site.connection.execute("""
            CREATE TRIGGER fail_publication BEFORE UPDATE ON runs.evaluation_runs FOR EACH ROW EXECUTE FUNCTION runs.fail_publication()
            """)
        _ = try OperatorEntries(connection: site.connection).veto(
            year: 2024, uscc: site.uscc("A10"), to: "C", reason: "安全事故", documentNo: "否〔2025〕1号", madeBy: "t")
        #expect(throws: (any Error).self) { _ = try site.publish(run, on: 1) }
        #expect(try site.grade(run, "A10") == "A ")
        #expect(try site.county.county.scalar("SELECT published::text FROM runs.evaluation_runs WHERE run_id = $1", [Int(other)]) == "true")
        try site.connection.execute("DROP TRIGGER fail_publication ON runs.evaluation_runs")
        _ = try site.publish(run, on: 1)
        #expect(try site.grade(run, "A10") == "C veto")
        #expect(try site.county.county.scalar("SELECT replaced_on::text FROM runs.evaluation_runs WHERE run_id = $1", [Int(other)])
                == (try site.day(1)).description)
    }
}
