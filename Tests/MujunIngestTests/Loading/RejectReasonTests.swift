import Foundation
import MujunDatabase
import MujunIngest
import MujunTestSupport
import Testing

/// Every reason code, each on a hand-written row whose line number and column are asserted.
@Suite("Ingest: reject reasons")
struct RejectReasonTests {
    @Test("registry: bad_uscc, missing_required, out_of_range, bad_number, negative_value, bad_date")
    func registryReasons() throws {
        let bench = try IngestBench()
        let report = try bench.load(.registry, "registry_20250101.csv", """
            uscc,name,status,industry_code,region_code,above_scale,employees,established_on
            \(Codes.a),甲机械有限公司,存续,C3311,320101,是,120,2010-05-06
            \(Codes.bad),乙公司,存续,3311,320101,是,10,
            \(Codes.b),,存续,3311,320101,是,10,
            \(Codes.c),丙公司,倒闭,3311,320101,是,10,
            \(Codes.d),丁公司,在业,3311,320101,是,10.5,
            \(Codes.e),戊公司,在业,3311,320101,否,-3,
            \(Codes.f),己公司,停业,C9999,320101,否,3,
            91110000000000000X,庚公司,在业,3311,320101,否,3,
            \(Codes.f),辛公司,注销,3311,320101,N,3,2024-02-30

            """)
        #expect(report.rowsRead == 9)
        #expect(report.rowsLoaded == 1)
        #expect(try bench.rejects(report.batchID) == [
            "3:uscc:bad_uscc",
            "4:name:missing_required",
            "5:status:out_of_range",
            "6:employees:bad_number",
            "7:employees:negative_value",
            "8:industry_code:out_of_range",
            "9:uscc:bad_uscc",
            "10:established_on:bad_date",
        ])
        #expect(try bench.strings("SELECT uscc, status, industry_code, above_scale, employees FROM core.registry_current")
                == ["\(Codes.a)|active|C3311|t|120"])
    }

    @Test("record-level reasons: wrong_field_count, bad_quoting, bad_encoding; and duplicate_key")
    func recordLevelReasons() throws {
        let bench = try IngestBench()
        var bytes = Data("""
            uscc,period,vat
            \(Codes.a),2024-01,100
            \(Codes.a),2024-02
            \(Codes.a),2024-03,1,2
            \(Codes.a),2024-04,"1"x
            \(Codes.a),2024-05,ab"c
            \(Codes.a),2024-01,999

            """.utf8)
        bytes.append(contentsOf: Array("\(Codes.b),2024-06,5 \u{7}".utf8) + [0xFF, 0xFE] + Array("\n".utf8))
        bytes.append(contentsOf: Array("\(Codes.b),2024-07,7\n".utf8))
        let file = try bench.folder.write("tax_mixed.csv", bytes)
        var options = bench.options()
        options.encoding = .utf8
        let report = try bench.loader.load(file, kind: .tax, options: options)
        #expect(report.rowsRead == 8)
        #expect(try bench.rejects(report.batchID) == [
            "3::wrong_field_count",
            "4::wrong_field_count",
            "5::bad_quoting",
            "6::bad_quoting",
            "7:uscc:duplicate_key",
            "8::bad_encoding",
        ])
        #expect(report.rowsLoaded == 2)
        // The duplicate keeps its raw text, read back from the file; the invalid bytes show as \xNN.
        #expect(try bench.strings("SELECT raw FROM runs.rejects WHERE reason = 'duplicate_key'")
                == ["\(Codes.a),2024-01,999"])
        #expect(try bench.strings("SELECT raw FROM runs.rejects WHERE reason = 'bad_encoding'").first?
                    .contains("\\xFF\\xFE") == true)
        // The first of the duplicates won.
        #expect(try bench.strings("SELECT vat FROM core.tax_current WHERE period = '2024-01-01'") == ["100.00"])
    }

    @Test("tax: all amounts empty is missing_required; sales cannot be negative; refunds can")
    func taxRowRules() throws {
        let bench = try IngestBench()
        let report = try bench.load(.tax, "tax.csv", """
            uscc,period,vat,corporate_income_tax,sales_revenue,property_tax
            \(Codes.a),2024-01,,,,
            \(Codes.a),2024-02,-120.50,,,
            \(Codes.a),2024-03,1,,-5,
            \(Codes.a),2024-13,1,,,
            \(Codes.a),2024-04,1.005,,,
            \(Codes.a),2024-05,"12,345,678.90",,0,0

            """)
        #expect(try bench.rejects(report.batchID) == [
            "2::missing_required",
            "4:sales_revenue:negative_value",
            "5:period:bad_date",
            "6:vat:bad_number",
        ])
        #expect(try bench.strings("SELECT to_char(period, 'YYYY-MM'), vat FROM core.tax_current ORDER BY period")
                == ["2024-02|-120.50", "2024-05|12345678.90"])
    }

    @Test("parcels: cross-field rules are out_of_range on the contradicting column; area 0 is out_of_range")
    func parcelCrossField() throws {
        let bench = try IngestBench()
        let header = "parcel_id,holder_uscc,region_code,land_use,area_m2,supplied_on,agreed_start_on,actual_start_on,production_start_on,developed_area_m2"
        let report = try bench.load(.parcels, "parcels.csv", """
            \(header)
            P1,\(Codes.a),320101,工业,10000,2020-01-01,2020-06-01,2020-07-01,2021-07-01,10000
            P2,\(Codes.a),320101,工业,10000,2020-01-01,2020-06-01,,,10000.01
            P3,\(Codes.a),320101,工业,10000,2020-01-01,2019-12-31,,,
            P4,\(Codes.a),320101,工业,10000,2020-01-01,2020-06-01,2020-07-01,2020-06-30,
            P5,\(Codes.a),320101,工业,0,2020-01-01,2020-06-01,,,
            P6,\(Codes.a),320101,工业,-1,2020-01-01,2020-06-01,,,
            P7,\(Codes.a),320101,工业,100,2020-01-01,2020-01-01,,2019-01-01,

            """)
        #expect(try bench.rejects(report.batchID) == [
            "3:developed_area_m2:out_of_range",
            "4:agreed_start_on:out_of_range",
            "5:production_start_on:out_of_range",
            "6:area_m2:out_of_range",
            "7:area_m2:negative_value",
        ])
        // P7: production before a start that is unknown loads (details.md #16).
        #expect(try bench.strings("SELECT parcel_id FROM core.parcels_current ORDER BY parcel_id") == ["P1", "P7"])
    }

    @Test("power and accounts: account_no digits, utility words, kWh not negative")
    func powerAndAccounts() throws {
        let bench = try IngestBench()
        let power = try bench.load(.power, "power.csv", """
            户号,统一社会信用代码,户名,电费年月,用电量(千瓦时)
            0012345,\(Codes.a),甲机械有限公司,2024-01,1000.5
            12A45,,乙,2024-01,1
            0099,,丙,2024-01,-1
            0098,\(Codes.bad),丁,2024-01,1

            """)
        #expect(try bench.rejects(power.batchID) == [
            "3:account_no:out_of_range", "4:kwh:negative_value", "5:uscc:bad_uscc",
        ])
        #expect(try bench.strings("SELECT account_no, kwh FROM core.power_current") == ["0012345|1000.5"])
        let accounts = try bench.load(.accounts, "accounts.csv", """
            类型,户号,统一社会信用代码,户名
            水,W-001,\(Codes.a),甲
            Gas,G1,\(Codes.a),甲
            电话,T1,\(Codes.a),甲

            """)
        #expect(try bench.rejects(accounts.batchID) == ["4:utility:out_of_range"])
        #expect(try bench.strings("SELECT utility, account_no FROM core.accounts_current ORDER BY 1")
                == ["gas|G1", "water|W-001"])
    }

    @Test("a quote never closed refuses the whole file, naming the line where it opened")
    func unterminatedQuote() throws {
        let bench = try IngestBench()
        #expect {
            try bench.load(.tax, "tax_open.csv", "uscc,period,vat\n\(Codes.a),2024-01,1\n\(Codes.a),\"2024-02,2\n\(Codes.a),2024-03,3\n")
        } throws: { error in
            let e = error as? ExtractError
            return e?.code == .unterminatedQuote && e?.line == 3
        }
        #expect(try bench.connection.execute("SELECT count(*) FROM runs.batches").scalarInt() == 0)
    }
}
