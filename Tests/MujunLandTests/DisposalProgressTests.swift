import Foundation
import MujunDatabase
import MujunIngest
import MujunLand
import MujunTestSupport
import Testing

/// Resolution (销号) between runs, and the yearly disposal progress of mart.disposal_progress.
///
/// Run A, as of 2024-12-31: Q1 (4.5 mu) and Q2 (9 mu) idle in 320101; Q3 (3 mu) and Q4
/// (2.25 mu) inefficient (INEFF-2, overdue) in 320102.
/// Then Q1 starts building and Q3 starts producing; Q4's agreed completion date is withdrawn.
/// Run B, as of 2025-06-30: Q1 and Q3 resolved; Q4 undecided (UNKNOWN) — kept open.
/// Then Q4 starts producing. Run C, as of 2025-09-30: Q4 resolved (last flagged by run A).
@Suite("Land flags: resolution (销号) and disposal progress")
struct DisposalProgressTests {
    static func county() throws -> LandFixture {
        let f = try LandFixture()
        func notStarted(_ p: inout LandFixture.Parcel) {
            p.actualStart = ""; p.production = ""; p.developed = "0"; p.invested = "0"
            p.supplied = "2022-06-01"; p.agreedCompletion = "2026-06-30"
        }
        f.parcel("Q1") { notStarted(&$0); $0.area = "3000"; $0.agreedStart = "2023-06-01" }
        f.parcel("Q2") { notStarted(&$0); $0.area = "6000"; $0.agreedStart = "2023-01-01" }
        func overdue(_ p: inout LandFixture.Parcel) {
            p.region = "320102"; p.supplied = "2019-01-01"; p.agreedStart = "2019-06-01"; p.actualStart = "2020-01-01"
            p.production = ""; p.agreedCompletion = "2022-01-01"
        }
        f.parcel("Q3") { overdue(&$0); $0.area = "2000" }
        f.parcel("Q4") { overdue(&$0); $0.area = "1500" }
        f.powerMonths = monthRange(from: "2022-01", to: "2025-09")
        f.taxMonths = monthRange(from: "2022-01", to: "2025-09")
        try f.load(asOf: "2024-12-31")
        return f
    }

    @Test("a parcel no longer flagged is resolved on the later run's date; an UNKNOWN resolves nothing")
    func resolutions() throws {
        let f = try Self.county()
        let a = try f.flag(asOf: "2024-12-31")
        #expect(try f.flags(a.runID) == ["Q1 IDLE-1", "Q2 IDLE-1", "Q3 INEFF-2", "Q4 INEFF-2"])
        #expect(a.resolved == 0 && a.previousRunID == nil)

        f.parcels[0].actualStart = "2025-02-01"                      // Q1 started: no longer idle
        f.parcels[2].production = "2025-03-01"                       // Q3 in production
        f.parcels[3].agreedCompletion = ""                           // Q4: completion date withdrawn
        try f.load(asOf: "2025-03-31", kinds: [.parcels])
        let b = try f.flag(asOf: "2025-06-30")
        #expect(try f.flags(b.runID) == ["Q2 IDLE-1", "Q4 UNKNOWN"])
        #expect(b.previousRunID == a.runID && b.resolved == 2 && b.carried == 1)
        #expect(try f.strings("""
            SELECT parcel_id || ' ' || resolved_on || ' ' || kind || ' ' || array_to_string(codes, ',') || ' '
                   || (flagged_run_id = $2) FROM runs.parcel_resolutions WHERE run_id = $1 ORDER BY parcel_id
            """, [Int(b.runID), Int(a.runID)]) == ["Q1 2025-06-30 idle IDLE-1 true", "Q3 2025-06-30 ineff INEFF-2 true"])

        // The same data again: the same resolutions (against the same earlier run).
        let b2 = try f.flag(asOf: "2025-06-30")
        #expect(b2.previousRunID == a.runID && b2.resolved == 2 && b2.carried == 1)

        f.parcels[3].production = "2025-08-01"
        f.parcels[3].agreedCompletion = "2025-06-30"
        try f.load(asOf: "2025-09-01", kinds: [.parcels])
        let c = try f.flag(asOf: "2025-09-30")
        #expect(try f.flags(c.runID) == ["Q2 IDLE-1"])
        #expect(c.previousRunID == b2.runID && c.resolved == 1 && c.carried == 0)
        #expect(try f.strings("""
            SELECT parcel_id || ' ' || resolved_on || ' ' || array_to_string(codes, ',') || ' ' || (flagged_run_id = $2)
            FROM runs.parcel_resolutions WHERE run_id = $1
            """, [Int(c.runID), Int(a.runID)]) == ["Q4 2025-09-30 INEFF-2 true"])
    }

    @Test("disposal progress: base on 1 January, area resolved since, target ratio, progress against it")
    func progress() throws {
        let f = try Self.county()
        try f.flag(asOf: "2024-12-31")
        f.parcels[0].actualStart = "2025-02-01"
        f.parcels[2].production = "2025-03-01"
        f.parcels[3].agreedCompletion = ""
        try f.load(asOf: "2025-03-31", kinds: [.parcels])
        try f.flag(asOf: "2025-06-30")
        f.parcels[3].production = "2025-08-01"
        f.parcels[3].agreedCompletion = "2025-06-30"
        try f.load(asOf: "2025-09-01", kinds: [.parcels])
        try f.flag(asOf: "2025-09-30")

        let query = """
            SELECT year || ' ' || region_code || ' ' || kind || ' ' || base_mu::numeric(12,4) || ' ' || resolved_mu::numeric(12,4)
                   || ' ' || coalesce(target_ratio::text, '∅') || ' ' || coalesce(progress_ratio::numeric(12,4)::text, '∅')
            FROM mart.disposal_progress ORDER BY year, region_code, kind
            """
        // 2024: base = the first run of 2024 (none before 1 January), nothing resolved since.
        // 2025: base = the run of 2024-12-31; 320101 idle 13.5 mu, 4.5 resolved: 4.5 / (13.5 × 0.25) = 1.3333.
        #expect(try f.strings(query) == [
            "2024 320101 idle 13.5000 0.0000 0.25 0.0000",
            "2024 320102 ineff 5.2500 0.0000 ∅ ∅",
            "2025 320101 idle 13.5000 4.5000 0.25 1.3333",
            "2025 320102 ineff 5.2500 5.2500 ∅ ∅",
        ])

        // A profile that hands down a task base for 320102 and an inefficient-land ratio: the
        // latest run of the year decides the targets.
        let profile = try LandFixture.profile(replacing: [
            ("ineff_disposal_ratio: null", "ineff_disposal_ratio: 0.5"),
            ("regions: {}", "regions: {\"320102\": {base_ineff_mu: 10}}"),
        ])
        try f.flag(asOf: "2025-12-31", policy: profile)
        #expect(try f.strings(query).suffix(2) == [
            "2025 320101 idle 13.5000 4.5000 0.25 1.3333",
            "2025 320102 ineff 10.0000 5.2500 0.5 1.0500",
        ])
    }

    @Test("a region analyst sees only its township's flags and progress")
    func regionAnalyst() throws {
        let f = try Self.county()
        try f.flag(asOf: "2024-12-31")
        let role = "t_land_region_\(ProcessInfo.processInfo.processIdentifier)_\(UInt32.random(in: 0...UInt32.max))"
        try f.connection.execute("CREATE ROLE \(role) LOGIN")
        try f.connection.execute("GRANT mujun_analyst TO \(role)")
        try RegionGrants(connection: f.connection).grant(role: role, regions: ["320102"], by: "test")
        let analyst = try Connection(try ConnectionString("dbname=\(f.db.name) user=\(role)"), applicationName: "analyst test")
        #expect(try analyst.execute("SELECT string_agg(parcel_id, ',' ORDER BY parcel_id) FROM mart.parcel_flags").scalar() == "Q3,Q4")
        #expect(try analyst.execute("SELECT string_agg(DISTINCT region_code, ',') FROM mart.disposal_progress").scalar() == "320102")
        #expect(performing: { try analyst.execute("SELECT 1 FROM runs.parcel_flags LIMIT 1") }, throws: { error in
            (error as? DatabaseError)?.sqlState == "42501"
        })
    }
}
