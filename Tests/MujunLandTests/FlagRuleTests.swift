import Foundation
import MujunDatabase
import MujunIngest
import MujunLand
import MujunTestSupport
import Testing

/// Every code's boundary on both sides, judged as of 2025-12-31 under the default profile, on a
/// county built parcel by parcel below. Each parcel has its own holder unless said otherwise;
/// the expected rows are worked out by hand in the comments.
@Suite("Land flags: the rules, boundary by boundary")
struct FlagRuleTests {
    static let asOf = "2025-12-31"

    /// The county of the boundary tests.
    static func county() throws -> LandFixture {
        let f = try LandFixture()
        func notStarted(_ p: inout LandFixture.Parcel) {
            p.actualStart = ""; p.production = ""; p.developed = "0"; p.invested = "0"
        }
        // IDLE-1 未动工: agreed_start_on + 1 year ≤ 2025-12-31.
        f.parcel("I1a") { notStarted(&$0); $0.supplied = "2024-06-01"; $0.agreedStart = "2024-12-31"
            $0.agreedCompletion = "2025-12-31"; $0.landPrice = "1000000" }                    // exactly 1 year: fee 200 000
        f.parcel("I1b") { notStarted(&$0); $0.supplied = "2024-12-01"; $0.agreedStart = "2025-01-01"
            $0.agreedCompletion = "2026-12-31" }                                                  // one day short: nothing
        f.parcel("I1c") { notStarted(&$0); $0.supplied = "2023-01-01"; $0.agreedStart = "2023-06-01"
            $0.actualStart = "2026-02-01" }                                                       // starts after D: 2 years, recover
        f.parcel("I1d") { notStarted(&$0); $0.supplied = "2022-01-01"; $0.agreedStart = "2022-03-15"
            $0.cause = "政府原因"; $0.landPrice = "500000" }                                       // government: negotiate, no fee
        f.parcel("I1e") { notStarted(&$0); $0.supplied = "2024-01-01"; $0.agreedStart = "2024-06-30"
            $0.cause = "不可抗力" }                                                                // other: negotiate
        f.parcel("I1f") { notStarted(&$0); $0.supplied = "2023-10-01"; $0.agreedStart = "2024-01-01"
            $0.cause = "企业"; $0.landPrice = "123456.78" }                                        // 1 year: fee 24 691.36
        f.parcel("I1g") { notStarted(&$0); $0.supplied = "2023-10-01"; $0.agreedStart = "2023-12-31" }  // 2 years: recover

        // IDLE-2 中止开发: started 2020, not in production, suspended ≥ 1 year, developed < 1/3 or invested < 25 %.
        func stalled(_ p: inout LandFixture.Parcel) {
            p.supplied = "2019-06-01"; p.agreedStart = "2019-12-01"; p.actualStart = "2020-01-01"; p.production = ""
            p.agreedCompletion = "2021-06-01"; p.area = "3000"; p.suspended = "2024-12-31"
            p.totalInvestment = ""; p.invested = ""
        }
        f.parcel("I2a") { stalled(&$0); $0.developed = "1000" }          // exactly 1/3 developed: not idle → INEFF-1 a, INEFF-2
        f.parcel("I2b") { stalled(&$0); $0.developed = "999.99" }        // under 1/3: IDLE-2
        f.parcel("I2c") { stalled(&$0); $0.developed = "2000"; $0.totalInvestment = "1000000"; $0.invested = "250000" }  // 25 %: not idle
        f.parcel("I2d") { stalled(&$0); $0.developed = "2000"; $0.totalInvestment = "1000000"; $0.invested = "249999.99"
            $0.cause = "政府" }                                           // under 25 %: IDLE-2, negotiate
        f.parcel("I2e") { stalled(&$0); $0.developed = "0"; $0.suspended = "2025-01-01" }  // suspended one day short: INEFF-2 only
        f.parcel("I2f") { stalled(&$0); $0.developed = ""; $0.suspended = "2023-01-01" }   // both sides unknown: UNKNOWN, then INEFF
        f.parcel("I2g") { stalled(&$0); $0.developed = ""; $0.totalInvestment = "1000000"; $0.invested = "500000" }  // one side decides: not idle

        // INEFF-1 b: in production, the holder's power 0 in each of the last 24 complete months (2023-12…2025-11).
        f.parcel("Z24") { $0.production = "2018-01-01"; $0.actualStart = "2017-06-01" }
        f.enterprise("Z24") { $0.power = { LandFixture.month($0, in: "2023-12", "2025-11") ? "0" : "1000" } }
        f.parcel("Z23")                                                   // 23 zero months: 2023-12 had 1 kWh
        f.enterprise("Z23") { $0.power = { $0 == "2023-12" ? "1" : LandFixture.month($0, in: "2024-01", "2025-11") ? "0" : "1000" } }

        // INEFF-3: production_start_on + 3 years ≤ D and the 2023/2024 mean per-mu tax < 10 000.
        let lowTax: (String) -> (String, String, String)? = { _ in ("1000", "", "") }   // 12 000 a year on 3 mu
        f.parcel("P3a") { $0.supplied = "2021-06-01"; $0.agreedStart = "2021-12-01"; $0.actualStart = "2022-01-01"
            $0.production = "2022-12-31"; $0.agreedCompletion = "2022-12-31" }           // exactly 3 years: INEFF-3
        f.enterprise("P3a") { $0.tax = lowTax }
        f.parcel("P3b") { $0.supplied = "2021-06-01"; $0.agreedStart = "2021-12-01"; $0.actualStart = "2022-01-01"
            $0.production = "2023-01-01"; $0.agreedCompletion = "2022-12-31" }           // one day short: nothing
        f.enterprise("P3b") { $0.tax = lowTax }
        f.parcel("TAT")                                                                    // exactly 10 000 yuan/mu: not below
        f.enterprise("TAT") { $0.tax = { m in m.hasPrefix("2023") || m.hasPrefix("2024") ? ("2500", "", "") : ("20000", "", "") } }
        // TUN: 3 mu in 2023; 4.5 mu at the end of 2024 (a second parcel supplied 2024-06-01).
        // 2023: 30 000 (land-use and property tax excluded) → 10 000/mu; 2024: 50 000 − 5 000.01
        // (a refund) = 44 999.99 → 9 999.9977…/mu; mean 9 999.9988… < 10 000.
        f.parcel("TUN-A", holder: "TUN")
        f.parcel("TUN-B", holder: "TUN") { $0.area = "1000"; $0.supplied = "2024-06-01"; $0.agreedStart = "2024-07-01"
            $0.actualStart = "2024-07-15"; $0.production = "2024-09-01"; $0.agreedCompletion = "2025-06-01"; $0.floor = "1500" }
        f.enterprise("TUN") { $0.tax = { m in
            switch m {
            case "2023-01": return ("2500", "2000", "1000")
            case _ where m.hasPrefix("2023"): return ("2500", "", "")
            case "2024-01": return ("50000", "", "")
            case "2024-02": return ("-5000.01", "3000", "")
            case _ where m.hasPrefix("2024"): return nil
            default: return ("20000", "", "")
            }
        } }

        // INEFF-4: judicially seized and (power 0 in each of the last 6 complete months, 2025-06…2025-11,
        // or holder suspended/revoked/deregistered).
        f.parcel("S1") { $0.seized = "Y" }
        f.enterprise("S1") { $0.power = { LandFixture.month($0, in: "2025-06", "2025-11") ? "0" : "1000" } }
        f.parcel("S2") { $0.seized = "是" }
        f.enterprise("S2") { $0.power = { $0 == "2025-08" ? "5" : LandFixture.month($0, in: "2025-06", "2025-11") ? "0" : "1000" } }
        f.parcel("S3") { $0.seized = "Y" }
        f.enterprise("S3") { $0.status = "停业" }
        f.parcel("S4") { $0.seized = "Y" }                                  // seized and stopped 24 months: INEFF-1 and INEFF-4
        f.enterprise("S4") { $0.power = { LandFixture.month($0, in: "2023-12", "2025-11") ? "0" : "1000" } }

        // INEFF-5: holder revoked or deregistered.
        f.parcel("D1")
        f.enterprise("D1") { $0.status = "注销" }
        f.parcel("R1") { $0.seized = "Y" }
        f.enterprise("R1") { $0.status = "吊销" }

        // Missing data → UNKNOWN, never a silent pass.
        f.parcel("N1")
        f.enterprise("N1") { $0.power = nil }                              // no linked power account
        f.parcel("N2")
        f.enterprise("N2") { $0.power = nil }
        f.accountMappings.append(("99000001", "N2"))                      // linked account without a single row
        f.parcel("M1") { $0.holderName = "未登记公司" }
        f.enterprise("M1") { $0.registered = false; $0.power = nil }      // holder missing from the registry
        f.parcel("E1") { $0.actualStart = "2020-01-01"; $0.production = ""; $0.agreedCompletion = ""; $0.developed = "500" }

        // LOWFAR (supplied ≥ 2023-01-01, in production, plot ratio < 1.0) and SPLIT (> 5 mu undeveloped).
        func newFactory(_ p: inout LandFixture.Parcel) {
            p.area = "10000"; p.supplied = "2023-01-01"; p.agreedStart = "2023-02-01"; p.actualStart = "2023-03-01"
            p.production = "2024-06-01"; p.agreedCompletion = "2024-12-31"
        }
        f.parcel("L1") { newFactory(&$0); $0.floor = "9999.99" }
        f.parcel("L2") { newFactory(&$0); $0.floor = "10000" }
        f.parcel("L3") { newFactory(&$0); $0.supplied = "2022-12-31"; $0.floor = "5000" }
        f.parcel("L4") { newFactory(&$0); $0.supplied = "2023-03-01"; $0.agreedStart = "2023-03-01"; $0.floor = "" }
        f.parcel("SP1") { $0.area = "10000"; $0.developed = "6666.66" }   // 3 333.34 m² = 5.00001 mu undeveloped
        f.parcel("SP2") { $0.area = "10000"; $0.developed = "6666.67" }   // 3 333.33 m² = 4.999995 mu
        f.parcel("SP3") { $0.area = "10000"; $0.developed = "" }

        // Scope: only industrial use (工业, 工业用地) supplied by D.
        f.parcel("X1") { notStarted(&$0); $0.landUse = "仓储"; $0.agreedStart = "2020-01-01" }
        f.parcel("X2") { notStarted(&$0); $0.landUse = "工业用地"; $0.agreedStart = "2020-05-01" }
        f.parcel("X3") { notStarted(&$0); $0.supplied = "2026-01-15"; $0.agreedStart = "2026-02-01" }

        // An idle parcel skips the INEFF tests: its holder has no power account, yet no UNKNOWN.
        f.parcel("IS") { $0.area = "3000"; $0.developed = "100"; $0.suspended = "2023-01-01" }
        f.enterprise("IS") { $0.power = nil }

        try f.load(asOf: asOf)
        return f
    }

    @Test("the rows of a run on the boundary county, parcel by parcel")
    func everyRow() throws {
        let f = try Self.county()
        let run = try f.flag(asOf: Self.asOf)
        #expect(try f.flags(run.runID) == [
            "D1 INEFF-5",
            "E1 UNKNOWN",
            "I1a IDLE-1", "I1c IDLE-1", "I1d IDLE-1", "I1e IDLE-1", "I1f IDLE-1", "I1g IDLE-1",
            "I2a INEFF-1", "I2a INEFF-2",
            "I2b IDLE-2",
            "I2c INEFF-1", "I2c INEFF-2",
            "I2d IDLE-2",
            "I2e INEFF-2",
            "I2f INEFF-1", "I2f INEFF-2", "I2f UNKNOWN",
            "I2g INEFF-1", "I2g INEFF-2",
            "IS IDLE-2",
            "L1 LOWFAR",
            "L4 UNKNOWN",
            "M1 UNKNOWN",
            "N1 UNKNOWN",
            "N2 UNKNOWN",
            "P3a INEFF-3",
            "R1 INEFF-4", "R1 INEFF-5",
            "S1 INEFF-4",
            "S3 INEFF-4",
            "S4 INEFF-1", "S4 INEFF-4",
            "SP1 SPLIT",
            "SP3 UNKNOWN",
            "TUN-A INEFF-3",
            "X2 IDLE-1",
            "Z24 INEFF-1",
        ].sorted())
        // In scope: every parcel but X1 (仓储) and X3 (supplied after D).
        #expect(run.parcelsInScope == f.parcels.count - 2)
        #expect(run.counts["IDLE-1"] == 7 && run.counts["IDLE-2"] == 3 && run.counts["INEFF-1"] == 6
                && run.counts["INEFF-2"] == 5 && run.counts["INEFF-3"] == 2 && run.counts["INEFF-4"] == 4
                && run.counts["INEFF-5"] == 2 && run.counts["LOWFAR"] == 1 && run.counts["SPLIT"] == 1
                && run.counts["UNKNOWN"] == 7)
    }

    @Test("IDLE: since, whole years, recommendation and fee by cause")
    func idleRecommendations() throws {
        let f = try Self.county()
        let run = try f.flag(asOf: Self.asOf).runID
        func idle(_ parcel: String, _ code: String = "IDLE-1") throws -> String {
            try f.value(run, parcel, code, "since || '|' || years || '|' || recommendation || '|' || coalesce(idle_fee_yuan::text, '∅')")!
        }
        #expect(try idle("I1a") == "2024-12-31|1|fee|200000.00")
        #expect(try idle("I1c") == "2023-06-01|2|recover|∅")
        #expect(try idle("I1d") == "2022-03-15|3|negotiate|∅")
        #expect(try idle("I1e") == "2024-06-30|1|negotiate|∅")
        #expect(try idle("I1f") == "2024-01-01|1|fee|24691.36")          // 0.20 × 123 456.78 = 24 691.356
        #expect(try idle("I1g") == "2023-12-31|2|recover|∅")
        #expect(try idle("I2b", "IDLE-2") == "2024-12-31|1|fee|∅")       // no land price: no fee amount
        #expect(try idle("I2d", "IDLE-2") == "2024-12-31|1|negotiate|∅")
        #expect(try idle("X2") == "2020-05-01|5|recover|∅")
        #expect(try idle("IS", "IDLE-2") == "2023-01-01|2|recover|∅")
        // Other codes leave since, years, recommendation and fee empty (details.md #33).
        #expect(try f.scalar("""
            SELECT count(*) FROM runs.parcel_flags WHERE run_id = $1 AND flag_code NOT LIKE 'IDLE-%'
              AND (since IS NOT NULL OR years IS NOT NULL OR recommendation IS NOT NULL OR idle_fee_yuan IS NOT NULL)
            """, [Int(run)]) == "0")
        // The evidence carries the deciding values.
        #expect(try f.value(run, "I2b", "IDLE-2", "evidence ->> 'developed_below_limit'") == "true")
        #expect(try f.value(run, "I2b", "IDLE-2", "evidence ->> 'invested_below_limit'") == nil)
        #expect(try f.value(run, "I2d", "IDLE-2", "(evidence ->> 'invested_share')::numeric = 0.24999999") == "t")
    }

    @Test("the Jiangyin option recovers pre-2009 land still not started, whatever its years and cause")
    func jiangyinOption() throws {
        let f = try LandFixture()
        func notStarted(_ p: inout LandFixture.Parcel) {
            p.actualStart = ""; p.production = ""; p.developed = "0"; p.invested = "0"; p.landPrice = "100000"
        }
        f.parcel("J1") { notStarted(&$0); $0.supplied = "2008-12-31"; $0.agreedStart = "2024-06-01" }          // 1 year, enterprise
        f.parcel("J2") { notStarted(&$0); $0.supplied = "2008-12-31"; $0.agreedStart = "2024-06-01"; $0.cause = "政府" }
        f.parcel("J3") { notStarted(&$0); $0.supplied = "2009-01-01"; $0.agreedStart = "2024-06-01" }          // not before
        try f.load()
        let plain = try f.flag(asOf: "2025-12-31").runID
        let jiangyin = try f.flag(asOf: "2025-12-31", policy: LandFixture.profile(replacing: [
            ("recover_if_supplied_before: null", "recover_if_supplied_before: 2009-01-01")])).runID
        let query = "SELECT parcel_id || ' ' || recommendation || ' ' || coalesce(idle_fee_yuan::text, '∅') FROM runs.parcel_flags WHERE run_id = $1 ORDER BY 1"
        #expect(try f.strings(query, [Int(plain)]) == ["J1 fee 20000.00", "J2 negotiate ∅", "J3 fee 20000.00"])
        #expect(try f.strings(query, [Int(jiangyin)]) == ["J1 recover ∅", "J2 recover ∅", "J3 fee 20000.00"])
    }

    @Test("INEFF-1 b: 24 zero months flag, 23 do not; the evidence lists the 24 months")
    func stoppedMonths() throws {
        let f = try Self.county()
        let run = try f.flag(asOf: Self.asOf).runID
        #expect(try f.value(run, "Z24", "INEFF-1", "evidence ->> 'test'")?.hasPrefix("b:") == true)
        let months = try f.strings("""
            SELECT key || '=' || value FROM runs.parcel_flags, jsonb_each_text(evidence -> 'monthly_kwh')
            WHERE run_id = $1 AND parcel_id = 'Z24' AND flag_code = 'INEFF-1' ORDER BY key
            """, [Int(run)])
        #expect(months.count == 24 && months.first == "2023-12=0" && months.last == "2025-11=0")
        #expect(try f.value(run, "I2a", "INEFF-1", "evidence ->> 'test'")?.hasPrefix("a:") == true)
        #expect(try f.flags(run).filter { $0.hasPrefix("Z23") }.isEmpty)
    }

    @Test("INEFF-3: the per-mu tax mean excludes land-use and property tax, counts refunds, uses year-end land")
    func perMuTax() throws {
        let f = try Self.county()
        let run = try f.flag(asOf: Self.asOf).runID
        #expect(try f.value(run, "TUN-A", "INEFF-3", "evidence #>> '{years,2023,tax_yuan}'") == "30000.00")
        #expect(try f.value(run, "TUN-A", "INEFF-3", "evidence #>> '{years,2024,tax_yuan}'") == "44999.99")
        #expect(try f.value(run, "TUN-A", "INEFF-3", "(evidence #>> '{years,2023,land_mu}')::numeric = 3") == "t")
        #expect(try f.value(run, "TUN-A", "INEFF-3", "(evidence #>> '{years,2024,land_mu}')::numeric = 4.5") == "t")
        #expect(try f.value(run, "TUN-A", "INEFF-3", "(evidence ->> 'mean_tax_per_mu_yuan')::numeric < 10000") == "t")
        #expect(try f.value(run, "TUN-A", "INEFF-3", "(evidence ->> 'mean_tax_per_mu_yuan')::numeric > 9999.99") == "t")
        // TAT pays exactly 10 000 yuan/mu in both years; P3b is one day short of 3 years in production.
        #expect(try f.flags(run).filter { $0.hasPrefix("TAT") || $0.hasPrefix("P3b") || $0.hasPrefix("TUN-B") }.isEmpty)
    }

    @Test("UNKNOWN: one row per parcel naming every undecided test and what is missing")
    func unknowns() throws {
        let f = try Self.county()
        let run = try f.flag(asOf: Self.asOf).runID
        func undecided(_ parcel: String) throws -> String? {
            try f.value(run, parcel, "UNKNOWN", "(evidence -> 'undecided')::text")
        }
        #expect(try undecided("N1") == #"{"INEFF-1": {"missing": ["power.linked_account"]}}"#)
        #expect(try undecided("N2") == #"{"INEFF-1": {"missing": ["power.account_rows:99000001"]}}"#)
        #expect(try undecided("M1") == #"{"INEFF-1": {"missing": ["power.linked_account"]}, "INEFF-5": {"missing": ["registry.status"]}}"#)
        #expect(try undecided("E1") == #"{"INEFF-2": {"missing": ["parcel.agreed_completion_on"]}}"#)
        #expect(try undecided("I2f") == #"{"IDLE-2": {"missing": ["parcel.developed_area_m2", "parcel.invested_amount", "parcel.total_investment"]}}"#)
        #expect(try undecided("L4") == #"{"LOWFAR": {"missing": ["parcel.floor_area_m2"]}}"#)
        #expect(try undecided("SP3") == #"{"SPLIT": {"missing": ["parcel.developed_area_m2"]}}"#)
        #expect(try f.scalar("""
            SELECT count(*) FROM (SELECT parcel_id FROM runs.parcel_flags WHERE run_id = $1 AND flag_code = 'UNKNOWN'
                                  GROUP BY parcel_id HAVING count(*) > 1) x
            """, [Int(run)]) == "0")
        // The holder's name comes from the registry, else from the parcels extract.
        #expect(try f.value(run, "M1", "UNKNOWN", "holder_name") == "未登记公司")
        #expect(try f.value(run, "N1", "UNKNOWN", "holder_name") == "企业N1")
    }

    @Test("INEFF-4 and INEFF-5: seized and stopped, seized and suspended, deregistered and revoked holders")
    func seizedAndGone() throws {
        let f = try Self.county()
        let run = try f.flag(asOf: Self.asOf).runID
        #expect(try f.value(run, "S1", "INEFF-4", "evidence ->> 'power_stopped'") == "true")
        #expect(try f.value(run, "S1", "INEFF-4", "(SELECT count(*) FROM jsonb_object_keys(evidence -> 'monthly_kwh'))") == "6")
        #expect(try f.value(run, "S3", "INEFF-4", "evidence ->> 'holder_status'") == "suspended")
        #expect(try f.value(run, "S3", "INEFF-4", "evidence ->> 'power_stopped'") == "false")
        #expect(try f.value(run, "D1", "INEFF-5", "evidence ->> 'holder_status'") == "deregistered")
        #expect(try f.value(run, "R1", "INEFF-5", "evidence ->> 'holder_status'") == "revoked")
    }

    @Test("INEFF-5: prohibited industries match by prefix (C25 matches C2511), from the profile")
    func prohibitedIndustries() throws {
        let f = try LandFixture()
        f.parcel("C25")
        f.enterprise("C25") { $0.industry = "C2511" }
        f.parcel("C26")
        f.enterprise("C26") { $0.industry = "C2611" }
        f.parcel("MISSING")
        f.enterprise("MISSING") { $0.registered = false; $0.power = nil }
        try f.load()
        let plain = try f.flag(asOf: "2025-12-31").runID
        // Default: the list is empty, so a holder missing from the registry is undecided on status only.
        #expect(try f.flags(plain) == ["MISSING UNKNOWN"])
        let profile = try LandFixture.profile(replacing: [("prohibited_industries: []", "prohibited_industries: [C25]")])
        let strict = try f.flag(asOf: "2025-12-31", policy: profile).runID
        #expect(try f.flags(strict) == ["C25 INEFF-5", "MISSING UNKNOWN"])
        #expect(try f.value(strict, "MISSING", "UNKNOWN", "(evidence -> 'undecided')::text")
                == #"{"INEFF-1": {"missing": ["power.linked_account"]}, "INEFF-5": {"missing": ["registry.status", "registry.industry_code"]}}"#)
        #expect(try f.scalar("SELECT policy_sha256 FROM runs.flag_runs WHERE run_id = $1", [Int(strict)]) == profile.sha256)
    }
}
