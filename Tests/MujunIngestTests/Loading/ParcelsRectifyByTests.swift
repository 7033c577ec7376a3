import Foundation
import MujunIngest
import MujunTestSupport
import Testing

/// The parcels extract's optional rectification deadline (整改期限, edition 2: details.md #86).
@Suite("Ingest: parcels rectify_by")
struct ParcelsRectifyByTests {
    @Test("rectify_by loads under either alias as a date; a bad date is bad_date; empty stays empty")
    func rectifyBy() throws {
        let bench = try IngestBench()
        let report = try bench.load(.parcels, "parcels_2025-03-31.csv", """
            宗地代码,土地使用权人信用代码,区划代码,土地用途,宗地面积,供地日期,约定动工日期,认定书编号,认定日期,整改截止日期
            P1,\(Codes.a),320101,工业,1000,2020-01-01,2020-06-01,闲认〔2025〕1号,2025-01-10,2026年1月10日
            P2,\(Codes.b),320101,工业,1000,2020-01-01,2020-06-01,,,
            P3,\(Codes.c),320101,工业,1000,2020-01-01,2020-06-01,闲认〔2025〕2号,2025-01-10,2026-02-30

            """)
        #expect(try bench.rejects(report.batchID) == ["4:rectify_by:bad_date"])
        #expect(try bench.strings("SELECT parcel_id, coalesce(rectify_by::text, '-') FROM core.parcels_current ORDER BY 1")
                == ["P1|2026-01-10", "P2|-"])
        let other = try IngestBench()
        try other.load(.parcels, "parcels.csv", """
            parcel_id,holder_uscc,region_code,land_use,area_m2,supplied_on,agreed_start_on,整改期限
            P9,\(Codes.a),320101,工业,1000,2020-01-01,2020-06-01,2025-12-31

            """)
        #expect(try other.strings("SELECT rectify_by FROM core.parcels_current") == ["2025-12-31"])
    }
}
