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
        // The grades table row of township 320101: A 2, B 4, C 4, D 2, T 2, N 3 (GradingTests), 17 in all.
        let counts = "2</td><td>4</td><td>4</td><td>2</td><td>2</td><td>3"
        #expect(html.contains("<td>\(counts)</td><td>17</td>"))
        // One section per weighted indicator, in catalogue order.
        for section in ["id=\"sales-per-mu\"", "id=\"tax-per-kwh\""] { #expect(html.contains(section), "missing \(section)") }
        #expect(!html.contains("id=\"rd-ratio\""))
        // Histogram (sql/report/02_indicator_histogram.sql), by hand: the 12 graded firms' tax per
        // mu in 万元 are F1 −0.1 D, G1 0.05 D, B1 0.1 B, F2 0.2 C, F3 0.3 C, F4 0.4 C, F5 0.5 B,
        // F6 0.6 B, F7 0.7 B, F8 and F9 0.9 A, F10 1.1 C. Their 98th percentile is
        // 0.9 + 0.78 × 0.2 = 1.056, rounded up to 2 万元: 20 bins of 0.1. F1 (negative) falls in
        // the first bin with G1; a value on a bound opens the next bin (B1's 0.1 is bin 2).
        // One bar per (bin, grade): 10 bars.
        let bars = html.components(separatedBy: "<title>").filter { $0.hasPrefix("亩均税收 ") }
            .map { String($0.prefix { $0 != "<" }.dropFirst("亩均税收 ".count)) }
        #expect(bars == [
            "0.00–0.10 万元/亩, D: 2", "0.10–0.20 万元/亩, B: 1", "0.20–0.30 万元/亩, C: 1", "0.30–0.40 万元/亩, C: 1",
            "0.40–0.50 万元/亩, C: 1", "0.50–0.60 万元/亩, B: 1", "0.60–0.70 万元/亩, B: 1", "0.70–0.80 万元/亩, B: 1",
            "0.90–1.00 万元/亩, A: 2", "1.10–1.20 万元/亩, C: 1",
        ])
        // The tax/mu benchmark of each cohort is marked: above 2 × 0.55 = 1.10 万元, below 2 × 0.075 = 0.15.
        #expect(html.contains(">above 基准 1.10<") && html.contains(">below 基准 0.15<"))
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
