import Foundation
import MujunCore
import MujunDatabase
import MujunIngest
import MujunTestSupport
import Testing

/// The statistics extract (spec indicators.md §1; details.md #85, #96, #102): every reject
/// reason of the kind on hand-written rows, unknown kept unknown, both encodings, corrections,
/// the drop-folder prefixes, and a file without `year` refused whole.
@Suite("Ingest: the statistics extract")
struct StatisticsExtractTests {
    static func code(_ n: Int) -> String { CountyFixture.code(n) }
    static let header = "uscc,year,enterprise_name,value_added,revenue,output_value,rd_expense,employees_avg,energy_tce,emissions_t,tech_investment"

    @Test("every reject reason of the kind, with its line and column; what loads is exact and empty stays unknown")
    func rejectReasons() throws {
        let bench = try IngestBench()
        let c = Self.code
        let report = try bench.load(.statistics, "statistics_2025-03-31.csv", """
            \(Self.header)
            \(c(1)),2024,甲公司,-1000000.50,5000000,5200000,,120,12.3456789,0.0012,
            \(Codes.bad),2024,乙公司,1,1,,,,,,
            \(c(2)),,丙公司,1,,,,,,,
            \(c(3)),2024年度,丁公司,1,,,,,,,
            \(c(4)),24,戊公司,1,,,,,,,
            \(c(5)),1999,己公司,1,,,,,,,
            \(c(6)),2101,庚公司,1,,,,,,,
            \(c(1)),2024年,甲公司,5,,,,,,,
            \(c(7)),2024,辛公司,,,,,,,,
            \(c(8)),2024,壬公司,1.005,,,,,,,
            \(c(9)),2024,癸公司,-5,-1,,,,,,
            \(c(10)),2024,子公司,1,,,,12.5,,,
            \(c(11)),2024,丑公司,1,,,,,-0.1,,
            \(c(12)),2024,寅公司,,,,,,,-3,
            \(c(13)),2024,卯公司,,,,,,,,-7
            \(c(14)),2024年,辰公司,,,,,0,0,,
            \(c(15)),2100,巳公司,,,-1,,,,,
            \(c(16)),2000,午公司,,,,-2,,,,

            """)
        #expect(report.rowsRead == 18)
        #expect(try bench.rejects(report.batchID) == [
            "3:uscc:bad_uscc",
            "4:year:missing_required",
            "5:year:bad_number",
            "6:year:bad_number",
            "7:year:out_of_range",
            "8:year:out_of_range",
            "9:uscc:duplicate_key",        // 2024年 is 2024: the same key as line 2
            "10::missing_required",         // the eight value columns all empty (enterprise_name aside)
            "11:value_added:bad_number",   // 3 decimals
            "12:revenue:negative_value",    // value_added −5 was fine
            "13:employees_avg:bad_number",
            "14:energy_tce:negative_value",
            "15:emissions_t:negative_value",
            "16:tech_investment:negative_value",
            "18:output_value:negative_value",
            "19:rd_expense:negative_value",
        ])
        #expect(report.rowsLoaded == 2)
        // Empty cells are NULL, never 0; 2024年 is 2024; a loss is negative; tce keeps its decimals.
        #expect(try bench.strings("""
            SELECT uscc, year, value_added, revenue, output_value, rd_expense, employees_avg, energy_tce, emissions_t, tech_investment
            FROM core.statistics_current ORDER BY uscc
            """) == [
            "\(c(1))|2024|-1000000.50|5000000.00|5200000.00|∅|120|12.3456789|0.0012|∅",
            "\(c(14))|2024|∅|∅|∅|∅|0|0|∅|∅",
        ].sorted())
    }

    @Test("Chinese aliases in GB18030 load as the English columns; a correction batch replaces a row, history kept")
    func aliasesAndCorrections() throws {
        let bench = try IngestBench()
        let text = "统一社会信用代码,统计年度,企业名称,工业增加值,主营业务收入,工业总产值,R&D经费支出,从业人员平均人数,"
            + "综合能源消费量(吨标准煤),排放当量(吨),技术改造投资\r\n"
            + "\(Self.code(1)),2024年,江苏某某机械有限公司,3000000,12000000,12500000,360000,85,410.5,1.25,200000\r\n"
        let file = try bench.folder.write("statistics_2025-03-31.csv", Data(Reading.gb18030(text)))
        let first = try bench.loader.load(file, kind: .statistics, options: bench.options())
        #expect(first.status == .applied && first.encoding == "gb18030" && first.rowsLoaded == 1)
        #expect(try bench.strings("SELECT value_added, revenue, rd_expense, employees_avg, energy_tce, emissions_t FROM core.statistics_current")
                == ["3000000.00|12000000.00|360000.00|85|410.5|1.25"])
        // The statistics office corrects value added; emissions unknown in the correction.
        let correction = try bench.load(.statistics, "statistics_2025-05-31.csv", """
            uscc,year,value_added
            \(Self.code(1)),2024,3100000

            """)
        #expect(correction.status == .applied)
        #expect(try bench.strings("SELECT value_added, coalesce(emissions_t::text, 'unknown') FROM core.statistics_current")
                == ["3100000.00|unknown"])
        #expect(try bench.strings("SELECT count(*) FROM core.statistics_rows") == ["2"])
    }

    @Test("a statistics file without its year column is refused whole, naming the column")
    func missingYear() throws {
        let bench = try IngestBench()
        #expect {
            try bench.load(.statistics, "statistics.csv", "uscc,value_added\n\(Self.code(1)),1\n")
        } throws: { error in
            let e = error as? ExtractError
            return e?.code == .missingColumn && e?.column == "year" && e?.description.contains("statistics.csv") == true
                && e?.description.contains("年份") == true
        }
        #expect(try bench.connection.execute("SELECT count(*) FROM runs.batches").scalarInt() == 0)
        // And from the command line: exit 65.
        let file = try bench.folder.write("statistics_2025-01-01.csv", "uscc,value_added\n\(Self.code(1)),1\n")
        let run = try MujunBinary.run(["ingest", "statistics", file.path], environment: bench.db.environment)
        #expect(run.status == 65 && run.stderr.contains("year"), "\(run.stderr)")
    }

    @Test("drop-folder prefixes statistics and stats, after power when the dates are equal")
    func prefixesAndOrder() {
        #expect(ExtractKind.fromFileName("statistics_20250101.csv") == .statistics)
        #expect(ExtractKind.fromFileName("STATS_2024.csv") == .statistics)
        #expect(ExtractKind.fromFileName("stat_2024.csv") == nil)
        let day = CalendarDay(year: 2025, month: 1, day: 1)!
        let names = ["stats_20250101.csv", "power_20250101.csv", "tax_20250101.csv"]
        let sorted = names.map { LoadOrder(name: $0, kind: ExtractKind.fromFileName($0), asOf: day) }.sorted().map(\.name)
        #expect(sorted == ["tax_20250101.csv", "power_20250101.csv", "stats_20250101.csv"])
    }
}
