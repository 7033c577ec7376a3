import Foundation
import MujunDatabase
import MujunLand
import MujunTestSupport
import Testing

/// The idle rule is used twice: by the flag run (its IDLE-1 and IDLE-2 rows) and by grading's
/// idle-land veto (seed 002_32db2fb0d19ac012.txt), which asks core.idle_parcels for the year end.
/// On the county of every IDLE boundary (FlagRuleTests), both must see the same parcels, codes,
/// dates and causes, and leave the same parcel undecided.
@Suite("Land flags: the flag run and the idle-land veto see the same idle parcels")
struct IdleRuleAgreementTests {
    @Test("IDLE rows of a flag run = what the veto sees, on every IDLE boundary case", arguments: ["2025-12-31", "2025-06-30"])
    func sameIdleParcels(asOf: String) throws {
        let f = try FlagRuleTests.county()
        let run = try f.flag(asOf: asOf).runID
        let flagged = try f.strings("""
            SELECT parcel_id, flag_code, since, holder_uscc, evidence ->> 'idle_cause'
            FROM runs.parcel_flags WHERE run_id = $1 AND flag_code LIKE 'IDLE-%' ORDER BY 1, 2
            """, [Int(run)])
        let vetoed = try f.strings("""
            SELECT i.parcel_id, i.code, i.since, i.holder_uscc, i.idle_cause
            FROM runs.flag_runs r JOIN runs.policy_profiles p ON p.sha256 = r.policy_sha256
            CROSS JOIN LATERAL core.idle_parcels($2::date, p.content) AS i
            WHERE r.run_id = $1 AND i.decided ORDER BY 1, 2
            """, [Int(run), asOf])
        #expect(flagged == vetoed)
        let undecided = try f.strings("""
            SELECT i.parcel_id || ' ' || i.code
            FROM runs.flag_runs r JOIN runs.policy_profiles p ON p.sha256 = r.policy_sha256
            CROSS JOIN LATERAL core.idle_parcels($2::date, p.content) AS i
            WHERE r.run_id = $1 AND NOT i.decided ORDER BY 1
            """, [Int(run), asOf])
        // I2f: started, suspended since 2023-01-01, neither developed area nor investment known.
        #expect(undecided == ["I2f IDLE-2"])
        if asOf == "2025-12-31" {
            // FlagRuleTests.everyRow, worked out by hand.
            #expect(flagged.map { $0.split(separator: "|").prefix(2).joined(separator: " ") } == [
                "I1a IDLE-1", "I1c IDLE-1", "I1d IDLE-1", "I1e IDLE-1", "I1f IDLE-1", "I1g IDLE-1",
                "I2b IDLE-2", "I2d IDLE-2", "IS IDLE-2", "X2 IDLE-1",
            ])
        } else {
            // Half a year earlier: I1a's agreed start (2024-12-31) and the suspensions of I2b and
            // I2d (2024-12-31) are not a year old yet; I1e's agreed start (2024-06-30) is exactly.
            #expect(flagged.map { $0.split(separator: "|").prefix(2).joined(separator: " ") } == [
                "I1c IDLE-1", "I1d IDLE-1", "I1e IDLE-1", "I1f IDLE-1", "I1g IDLE-1", "IS IDLE-2", "X2 IDLE-1",
            ])
        }
    }
}
