import Foundation
import MujunCore
import MujunGrading
import MujunLand
import MujunLists
import MujunTestSupport
import Testing

/// A held D (spec indicators.md §7; details.md #91) is on no list for its grade until a review.
@Suite("Lists: a held D waits for its review")
struct HeldDListTests {
    @Test("the D resting on a missing power account is on no list; the D of a plant that drew 0 kWh is; a review lists it")
    func heldDNotListed() throws {
        // Firm Ai: tax 15 000 × i on 15 mu; A1 has no power account (E unknown), A2 one that drew 0 kWh.
        var firms: [Edition2County.Firm] = []
        for i in 1...10 {
            let kwh: String? = i == 1 ? nil : (i == 2 ? "0" : String(15000 * i))
            firms.append(Edition2County.Firm("A\(i)", tax: String(15000 * i), kwh: kwh))
        }
        let county = try Edition2County(firms)
        let profile = try Edition2County.profile(above: """
                  tax_per_mu:   {weight: 50, benchmark: 5000}
                  tax_per_kwh:  {weight: 50, benchmark: 2}
            """, replacing: [("C: 0.95}", "C: 0.80}")])
        let out = try TemporaryDirectory()
        func listed() throws -> [String] {
            _ = try ListExporter(connection: try county.county.db.connect()).export(
                [.electricity, .water], date: CalendarDay("2025-03-01")!, to: out.url, encoding: .utf8BOM, policy: profile,
                generatorVersion: "mujun test", madeBy: "test")
            // Account rows, and the enterprises with a surcharge but no account (no_account.csv).
            return try county.county.strings("""
                SELECT list || ' ' || uscc || ' ' || reason_codes FROM mart.policy_list_rows
                UNION ALL
                SELECT e.list || ' no account ' || n.uscc || ' ' || n.reason_codes
                FROM runs.list_no_account n JOIN runs.list_exports e USING (export_id)
                WHERE n.export_id IN (SELECT max(export_id) FROM runs.list_exports GROUP BY list)
                ORDER BY 1
                """)
        }
        _ = try county.evaluate(2024, profile, publish: true)
        _ = try FlagRun(connection: county.connection).run(asOf: CalendarDay("2025-02-01")!, policy: profile, madeBy: "test")
        // A1 is D, held: on neither list, not even among the enterprises without an account; A2's D counts.
        let (a1, a2) = (county.uscc("A1"), county.uscc("A2"))
        #expect(try listed() == ["electricity \(a2) grade_D", "water no account \(a2) grade_D"])
        // A review of D decides the grade: the next publication lists A1 too.
        _ = try OperatorEntries(connection: county.connection).review(
            year: 2024, uscc: county.uscc("A1"), grade: "D", reason: "复核维持", documentNo: "复〔2025〕1号", madeBy: "t")
        _ = try county.evaluate(2024, profile, publish: true)
        #expect(try listed() == ["electricity \(a2) grade_D", "electricity no account \(a1) grade_D",
                                 "water no account \(a1) grade_D", "water no account \(a2) grade_D"])
    }
}
