import Foundation
import MujunDatabase
import MujunLand
import MujunTestSupport
import Testing

/// One idle rule (issue 13): the flag run's IDLE-1/IDLE-2 rows and grading's idle-land veto both
/// come from `core.idle_parcels` (sql/definitions/core/idle_parcels.sql). On the county of every
/// IDLE boundary (FlagRuleTests), the flag run's rows equal what the veto reads, on the boundary
/// date and the day before it, and the expected rows are worked out by hand.
@Suite("Land flags: one idle rule for the flag run and grading's veto")
struct IdleRuleTests {
    /// What sql/grading/07_overrides.sql reads: core.idle_parcels(Y-12-31, the run's policy),
    /// here for the flag run's date and policy, as "parcel code since cause decided".
    static let vetoReads = """
        SELECT i.parcel_id || ' ' || i.code || ' ' || i.since || ' ' || i.idle_cause || ' ' || i.decided
        FROM runs.flag_runs r
        JOIN runs.policy_profiles p ON p.sha256 = r.policy_sha256
        CROSS JOIN LATERAL core.idle_parcels(r.as_of, p.content) AS i
        WHERE r.run_id = $1
        ORDER BY 1
        """

    /// The flag run's IDLE rows, and its undecided IDLE-2 tests, in the same shape.
    static let flagRunStored = """
        SELECT f.parcel_id || ' ' || f.flag_code || ' ' || f.since || ' ' || (f.evidence ->> 'idle_cause') || ' true'
        FROM runs.parcel_flags f
        WHERE f.run_id = $1 AND f.flag_code LIKE 'IDLE-%'
        UNION ALL
        SELECT f.parcel_id || ' IDLE-2 ' || p.suspended_since || ' ' || coalesce(p.idle_cause, 'enterprise') || ' false'
        FROM runs.parcel_flags f
        JOIN core.parcels_current p ON p.parcel_id = f.parcel_id
        WHERE f.run_id = $1 AND f.flag_code = 'UNKNOWN' AND f.evidence -> 'undecided' ? 'IDLE-2'
        ORDER BY 1
        """

    @Test("on 2025-12-31 the flag run's IDLE rows and undecided IDLE-2 are exactly what the veto reads")
    func boundaryDate() throws {
        let f = try FlagRuleTests.county()
        let run = try f.flag(asOf: FlagRuleTests.asOf).runID
        let stored = try f.strings(Self.flagRunStored, [Int(run)])
        #expect(stored == (try f.strings(Self.vetoReads, [Int(run)])))
        // By hand (FlagRuleTests.county): agreed start + 1 year ≤ D and not started by D; started,
        // suspended + 1 year ≤ D and developed < 1/3 or invested < 25 %; I2f has neither share.
        #expect(stored == [
            "I1a IDLE-1 2024-12-31 enterprise true",
            "I1c IDLE-1 2023-06-01 enterprise true",
            "I1d IDLE-1 2022-03-15 government true",
            "I1e IDLE-1 2024-06-30 other true",
            "I1f IDLE-1 2024-01-01 enterprise true",
            "I1g IDLE-1 2023-12-31 enterprise true",
            "I2b IDLE-2 2024-12-31 enterprise true",
            "I2d IDLE-2 2024-12-31 government true",
            "I2f IDLE-2 2023-01-01 enterprise false",
            "IS IDLE-2 2023-01-01 enterprise true",
            "X2 IDLE-1 2020-05-01 enterprise true",
        ])
        // The holders the veto moves from A/B to C: decided, caused by the enterprise.
        let vetoed = try f.strings("""
            SELECT DISTINCT i.holder_uscc FROM runs.flag_runs r
            JOIN runs.policy_profiles p ON p.sha256 = r.policy_sha256
            CROSS JOIN LATERAL core.idle_parcels(r.as_of, p.content) AS i
            WHERE r.run_id = $1 AND i.decided AND i.idle_cause = 'enterprise' ORDER BY 1
            """, [Int(run)])
        #expect(vetoed == ["I1a", "I1c", "I1f", "I1g", "I2b", "IS", "X2"].map { f.uscc($0) }.sorted())
    }

    /// The day before 2025-12-31, I1a (agreed start 2024-12-31), I2b and I2d (suspended
    /// 2024-12-31) are one day short; half a year earlier they are still out, and I1e's agreed
    /// start (2024-06-30) is a year old exactly, so it stays. Both dates: these rows, by hand.
    static let beforeTheBoundary = [
        "I1c IDLE-1 2023-06-01 enterprise true",
        "I1d IDLE-1 2022-03-15 government true",
        "I1e IDLE-1 2024-06-30 other true",
        "I1f IDLE-1 2024-01-01 enterprise true",
        "I1g IDLE-1 2023-12-31 enterprise true",
        "I2f IDLE-2 2023-01-01 enterprise false",
        "IS IDLE-2 2023-01-01 enterprise true",
        "X2 IDLE-1 2020-05-01 enterprise true",
    ]

    @Test("the day before and half a year before, the rows not a year old yet drop out of both alike",
          arguments: ["2025-12-30", "2025-06-30"])
    func beforeBoundary(asOf: String) throws {
        let f = try FlagRuleTests.county()
        let run = try f.flag(asOf: asOf).runID
        let stored = try f.strings(Self.flagRunStored, [Int(run)])
        #expect(stored == (try f.strings(Self.vetoReads, [Int(run)])))
        #expect(stored == Self.beforeTheBoundary)
    }

    @Test("the idle tests are written once, in the definition: no SQL file of the runs restates them")
    func writtenOnce() throws {
        let sql = MujunBinary.packageRoot.appendingPathComponent("sql", isDirectory: true)
        let files = FileManager.default.enumerator(at: sql, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "sql" }
        let restating = try files.filter { file in
            let text = try String(contentsOf: file, encoding: .utf8)
            return text.contains("agreed_start_on + make_interval") || text.contains("idle_developed_share}') AS dev_n")
        }.map { $0.path.replacingOccurrences(of: sql.path + "/", with: "") }
        #expect(restating == ["definitions/core/idle_parcels.sql"])
    }
}
