import Foundation
import MujunDatabase
import MujunIngest
import MujunLand
import MujunTestSupport
import Testing

@Suite("Land flags: 29 February, complete months, and gaps in the data")
struct DatesAndGapsTests {
    @Test("29 February + 1 year is 28 February; idle years count whole anniversaries")
    func leapDay() throws {
        let f = try LandFixture()
        f.parcel("LP") { $0.supplied = "2024-01-10"; $0.agreedStart = "2024-02-29"; $0.actualStart = ""; $0.production = ""
            $0.developed = "0"; $0.invested = "0"; $0.agreedCompletion = "2030-01-01" }
        // Suspended on 29 February, fully developed: not idle, so INEFF-1 a once a year has passed.
        f.parcel("LQ") { $0.supplied = "2022-06-01"; $0.agreedStart = "2022-12-01"; $0.actualStart = "2023-01-01"
            $0.production = ""; $0.suspended = "2024-02-29"; $0.agreedCompletion = "2030-01-01" }
        f.powerMonths = monthRange(from: "2022-01", to: "2028-02")
        f.taxMonths = monthRange(from: "2022-01", to: "2028-02")
        try f.load(asOf: "2025-01-01")
        #expect(try f.flags(f.flag(asOf: "2025-02-27").runID) == [])
        let run = try f.flag(asOf: "2025-02-28").runID
        #expect(try f.flags(run) == ["LP IDLE-1", "LQ INEFF-1"])
        #expect(try f.value(run, "LP", "IDLE-1", "since || ' ' || years") == "2024-02-29 1")
        // 2024-02-29 + 4 years = 2028-02-29: on 2028-02-28 only 3 whole years have passed.
        #expect(try f.value(f.flag(asOf: "2028-02-28").runID, "LP", "IDLE-1", "years") == "3")
        #expect(try f.value(f.flag(asOf: "2028-02-29").runID, "LP", "IDLE-1", "years") == "4")
    }

    @Test("the last n complete months end with the month before D's month")
    func completeMonths() throws {
        let f = try LandFixture()
        // Zero kWh from 2024-01 to 2025-12; 2023-12 had power. As of 2025-12-31 the window is
        // 2023-12…2025-11 (not stopped); as of 2026-01-01 it is 2024-01…2025-12 (stopped).
        f.parcel("W")
        f.enterprise("W") { $0.power = { $0 >= "2024-01" ? "0" : "1000" } }
        f.powerMonths = monthRange(from: "2023-01", to: "2025-12")
        try f.load()
        #expect(try f.flags(f.flag(asOf: "2025-12-31").runID) == [])
        let run = try f.flag(asOf: "2026-01-01").runID
        #expect(try f.flags(run) == ["W INEFF-1"])
        #expect(try f.strings("""
            SELECT min(key) || '…' || max(key) FROM runs.parcel_flags, jsonb_object_keys(evidence -> 'monthly_kwh') AS key
            WHERE run_id = $1 AND parcel_id = 'W'
            """, [Int(run)]) == ["2024-01…2025-12"])
    }

    @Test("a month without any applied batch is unknown; a known value still decides what it can")
    func unknownMonths() throws {
        let f = try LandFixture()
        // Power is known for every month but 2025-03; tax for every month but 2024-12.
        f.powerMonths = monthRange(from: "2023-01", to: "2025-12").filter { $0 != "2025-03" }
        f.taxMonths = monthRange(from: "2023-01", to: "2024-11")
        f.parcel("A")
        f.enterprise("A") { $0.power = { _ in "0" } }            // zero wherever known: undecided
        f.parcel("B")                                              // 1000 kWh wherever known: decided, not stopped
        f.parcel("C") { $0.seized = "Y" }                          // zero in the last 6 months, all known: INEFF-4
        f.enterprise("C") { $0.power = { $0 >= "2025-06" ? "0" : "1000" } }
        // D: a linked account with rows, but none in the window's known months: 0 kWh there (details.md #26).
        f.parcel("D") { $0.seized = "Y" }
        f.enterprise("D") { $0.power = { $0 < "2025-06" ? "1000" : nil } }
        try f.load()
        let run = try f.flag(asOf: "2025-12-31").runID
        #expect(try f.flags(run) == ["A UNKNOWN", "B UNKNOWN", "C INEFF-4", "C UNKNOWN", "D INEFF-4", "D UNKNOWN"])
        #expect(try f.value(run, "A", "UNKNOWN", "(evidence -> 'undecided')::text")
                == #"{"INEFF-1": {"missing": ["power.month:2025-03"]}, "INEFF-3": {"missing": ["tax.month:2024-12"]}}"#)
        #expect(try f.value(run, "B", "UNKNOWN", "(evidence -> 'undecided')::text")
                == #"{"INEFF-3": {"missing": ["tax.month:2024-12"]}}"#)
        #expect(try f.value(run, "C", "UNKNOWN", "(evidence -> 'undecided')::text")
                == #"{"INEFF-3": {"missing": ["tax.month:2024-12"]}}"#)
        #expect(try f.value(run, "D", "INEFF-4", "evidence -> 'monthly_kwh' ->> '2025-08'") == "0")
    }

    @Test("a year with no industrial land at its end leaves INEFF-3 undecided")
    func noLandAtYearEnd() throws {
        let f = try LandFixture()
        // Produced before it was supplied (a regularised parcel): in production for 3 years,
        // but the holder held no industrial land at the end of 2023.
        f.parcel("Q") { $0.supplied = "2024-03-01"; $0.agreedStart = "2024-03-01"; $0.actualStart = "2021-01-01"
            $0.production = "2022-01-01"; $0.agreedCompletion = "2024-06-01" }
        try f.load()
        let run = try f.flag(asOf: "2025-12-31").runID
        #expect(try f.value(run, "Q", "UNKNOWN", "(evidence -> 'undecided')::text")
                == #"{"INEFF-3": {"missing": ["land.year_end:2023"]}}"#)
    }

    @Test("the holder's power is the sum over its linked accounts, compared with the limit")
    func powerSummedOverAccounts() throws {
        let f = try LandFixture()
        // With a limit of 100 kWh a month: one account at 60 is stopped; two accounts at 60 each
        // (120 together) are not, although neither is above the limit on its own.
        f.parcel("ONE")
        f.enterprise("ONE") { $0.power = { _ in "60" } }
        f.parcel("TWO")
        f.enterprise("TWO") { $0.power = { _ in "60" }; $0.secondPower = { _ in "60" } }
        // Two accounts, one of them at 0 and one with a single busy month: not stopped.
        f.parcel("BUSY")
        f.enterprise("BUSY") { $0.power = { _ in "0" }; $0.secondPower = { $0 == "2025-04" ? "5000" : "0" } }
        try f.load()
        let profile = try LandFixture.profile(replacing: [("stopped_month_max_kwh: 0", "stopped_month_max_kwh: 100")])
        let run = try f.flag(asOf: "2025-12-31", policy: profile).runID
        #expect(try f.flags(run) == ["ONE INEFF-1"])
        #expect(try f.value(run, "ONE", "INEFF-1", "evidence -> 'monthly_kwh' ->> '2024-06'") == "60")
        #expect(try f.value(run, "ONE", "INEFF-1", "evidence ->> 'stopped_month_max_kwh'") == "100")
        // Under the default limit of 0 the single account at 60 kWh is running.
        #expect(try f.flags(f.flag(asOf: "2025-12-31").runID) == [])
    }
}
