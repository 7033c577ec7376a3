import Foundation
import MujunCore
import MujunDatabase
import MujunGrading
import MujunIngest
import MujunLand
import MujunReport
import MujunTestSupport
import Testing

@Suite("Report")
struct ReportTests {
    @Test("the report has every section, and its numbers are the database's")
    func reportContent() throws {
        let fixture = try GradingFixture()
        let run = try Evaluator(connection: fixture.connection)
            .evaluate(year: 2024, policy: GradingFixture.defaultProfile, publish: true, madeBy: "t")
        _ = try FlagRun(connection: fixture.connection).run(asOf: CalendarDay("2024-12-31")!, policy: GradingFixture.defaultProfile, madeBy: "t")
        let html = try ReportBuilder(connection: fixture.connection, version: "test").render(year: 2024)

        for section in ["id=\"grades\"", "id=\"tax-per-mu\"", "id=\"land\"", "id=\"top-bottom\"", "id=\"data-quality\""] {
            #expect(html.contains(section), "missing \(section)")
        }
        #expect(html.contains("评价运行 #\(run.runID)"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"))
        // The grades table row of township 320101 has the counts of the run, in A B C D T N order.
        let counts = try fixture.connection.execute("""
            SELECT string_agg(coalesce(n, 0)::text, '</td><td>' ORDER BY ord)
            FROM unnest(ARRAY['A','B','C','D','T','N']) WITH ORDINALITY AS g(grade, ord)
            LEFT JOIN (SELECT grade, count(*) AS n FROM runs.enterprise_grades WHERE run_id = $1 GROUP BY grade) c USING (grade)
            """, [Int(run.runID)]).scalar()!
        #expect(html.contains("<td>\(counts)</td><td>17</td>"))
        // Histogram: one bar per (bin, grade) with enterprises; 12 graded firms in all.
        let bars = html.components(separatedBy: " 万元/亩, ").count - 1
        let expectedBars = try fixture.connection.execute("""
            SELECT count(*) FROM (SELECT 1 FROM runs.enterprise_grades WHERE run_id = $1 AND grade IN ('A','B','C','D')
                                  GROUP BY width_bucket(tax_per_mu, 0, 1e12, 20), grade) x
            """, [Int(run.runID)]).scalarInt()
        #expect(bars >= expectedBars && bars > 0)
        // Top 20: all 12 graded firms, F10 (score 115) first.
        #expect(html.contains("企业F10"))
        #expect(html.contains("<td>115.0000</td>"))
        // Idle land: F10's and F8's idle parcels, 5 000 m² each = 15 mu in township 320101.
        #expect(html.contains("<td class=\"text\">320101</td><td class=\"text\">闲置 idle</td><td>15.00</td><td>2</td>"))
        // Data quality: the power accounts by link method.
        #expect(html.contains("<td class=\"text\">uscc</td><td>10</td>"))

        let out = fixture.folder.url.appendingPathComponent("report.html")
        let cli = try MujunBinary.run(["report", "--year", "2024", "--out", out.path], environment: fixture.db.environment)
        #expect(cli.status == 0)
        let written = try String(contentsOf: out, encoding: .utf8)
        #expect(written.contains("<td>\(counts)</td><td>17</td>") && written.contains("<td>115.0000</td>"))
        #expect(try MujunBinary.run(["report", "--year", "2019", "--out", out.path], environment: fixture.db.environment).status == 1)
    }
}
