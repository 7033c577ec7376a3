import Foundation
import MujunCore
import MujunDatabase
import MujunGrading
import MujunPolicy
import MujunTestSupport
import Testing

/// Edition-2 grading on hand-computed counties (spec indicators.md §3–§7; details.md #98–#112).
/// Unless a test says otherwise, firm Ai is above scale on 15 mu (10 000 m²) with tax
/// 15 000 × i yuan (tax/mu = 1 000 × i) and as many kWh as yuan of tax (tax/kWh = 1).
@Suite("Grading, edition 2: methods, missing data, cohorts, adjustments, exemptions, held D")
struct Edition2GradingTests {
    static func tenFirms(_ change: (inout Edition2County.Firm) -> Void = { _ in }) -> [Edition2County.Firm] {
        (1...10).map { i in
            var f = Edition2County.Firm("A\(i)", tax: String(15000 * i), kwh: String(15000 * i))
            change(&f)
            return f
        }
    }

    @Test("min–max with floor 0.2 (Jingde 2022), and every firm scores the weight when max = min")
    func minmax() throws {
        // Below: L1 and L2 on 3 mu with 3 000 yuan each: tax/mu 1 000 for both, max = min.
        let county = try Edition2County(Self.tenFirms() + [
            Edition2County.Firm("L1", above: false, landM2: "2000", tax: "3000", kwh: "1"),
            Edition2County.Firm("L2", above: false, landM2: "2000", tax: "3000", kwh: "1"),
        ])
        let profile = try Edition2County.profile(above: "      tax_per_mu:   {weight: 100, method: minmax, floor: 0.2}",
                                                 below: "      tax_per_mu:   {weight: 100, method: minmax}")
        let run = try county.evaluate(profile)
        let rows = try county.rows(run.runID)
        // s = 100 × (0.2 + 0.8 × (1000 i − 1000) / (10000 − 1000)): A1 20, A4 20 + 80 × 3/9 = 46.6667, A10 100.
        #expect(rows["A1"] == "D D 20.0000 10 10 above ")
        #expect(rows["A4"] == "C C 46.6667 7 10 above ")
        #expect(rows["A10"] == "A A 100.0000 1 10 above ")
        #expect(rows["L1"] == "B B 100.0000 1 2 below " && rows["L2"] == rows["L1"])
        #expect(try county.county.strings("""
            SELECT cohort, indicator, method, coalesce(benchmark::text, '-'), round(min, 2), round(max, 2), floor
            FROM runs.grade_benchmarks WHERE run_id = $1 ORDER BY cohort
            """, [Int(run.runID)]) == ["above|tax_per_mu|minmax|-|1000.00|10000.00|0.2", "below|tax_per_mu|minmax|-|1000.00|1000.00|0.2"])
    }

    @Test("reweight: an undefined indicator is left out and the others count W / (W − w)")
    func reweight() throws {
        let county = try Edition2County(Self.tenFirms { if $0.name == "A3" { $0.kwh = nil } })
        let profile = try Edition2County.profile(above: """
                  tax_per_mu:   {weight: 50, benchmark: 5000}
                  tax_per_kwh:  {weight: 50, benchmark: 2, missing: reweight}
            """)
        let run = try county.evaluate(profile)
        let rows = try county.rows(run.runID)
        // A3: 50 × 3000/5000 = 30, tax/kWh left out: 30 × 100/50 = 60. A5: 50 × 1 + 50 × 0.5 = 75.
        // A10: 50 × min(2, 2) + 25 = 125; others 10 i + 25, so A3 ranks 8th. Reweight never holds a D.
        #expect(rows["A3"] == "C C 60.0000 8 10 above no_power_data")
        #expect(rows["A5"] == "B B 75.0000 6 10 above ")
        #expect(rows["A10"] == "A A 125.0000 1 10 above ")
        #expect(try county.county.strings("""
            SELECT indicator, scored_by, coalesce(round(points, 4)::text, '-') FROM runs.indicator_points
            WHERE run_id = $1 AND uscc = $2 ORDER BY indicator
            """, [Int(run.runID), county.uscc("A3")]) == ["tax_per_kwh|reweight|-", "tax_per_mu|value|30.0000"])
    }

    @Test("held D: an unknown input scored 0 holds a D; 0 kWh does not; a review releases it")
    func heldD() throws {
        // A1 has no power account (E unknown); A2 has one and drew 0 kWh (E = 0, known).
        let county = try Edition2County(Self.tenFirms {
            if $0.name == "A1" { $0.kwh = nil }
            if $0.name == "A2" { $0.kwh = "0" }
        })
        let profile = try Edition2County.profile(above: """
                  tax_per_mu:   {weight: 50, benchmark: 5000}
                  tax_per_kwh:  {weight: 50, benchmark: 2}
            """, replacing: [("C: 0.95}", "C: 0.80}")])
        let first = try county.evaluate(profile)
        var rows = try county.rows(first.runID)
        // A1: 50 × 1000/5000 + 0 = 10, rank 10; A2: 20 + 0 = 20, rank 9; D from rank 9 (> 0.8 × 10).
        #expect(rows["A1"] == "D D 10.0000 10 10 above held_missing_data;no_power_data")
        #expect(rows["A2"] == "D D 20.0000 9 10 above no_power_data")
        #expect(try county.county.strings("SELECT uscc FROM runs.enterprise_grades WHERE run_id = $1 AND held_d",
                                          [Int(first.runID)]) == [county.uscc("A1")])
        // Off in the profile: nothing is held.
        let off = try county.evaluate(try Edition2County.profile(above: """
                  tax_per_mu:   {weight: 50, benchmark: 5000}
                  tax_per_kwh:  {weight: 50, benchmark: 2}
            """, replacing: [("C: 0.95}", "C: 0.80}"), ("hold_d_on_missing_data: true", "hold_d_on_missing_data: false")]))
        #expect(try county.rows(off.runID)["A1"] == "D D 10.0000 10 10 above no_power_data")
        // A review of D decides the grade: a D decided by a person is never held (details.md #99).
        let entries = OperatorEntries(connection: county.connection)
        _ = try entries.review(year: 2024, uscc: county.uscc("A1"), grade: "D", reason: "复核维持", documentNo: "复核〔2025〕1号", madeBy: "t")
        _ = try entries.review(year: 2024, uscc: county.uscc("A2"), grade: "C", reason: "复核调整", documentNo: "复核〔2025〕2号", madeBy: "t")
        rows = try county.rows(try county.evaluate(profile).runID)
        #expect(rows["A1"] == "D D 10.0000 10 10 above no_power_data;review")
        #expect(rows["A2"] == "C D 20.0000 9 10 above no_power_data;review")
    }

    @Test("adjustments are summed and clamped by the profile; revoked ones and N rows are left out; exemptions grade T")
    func adjustmentsAndExemptions() throws {
        let county = try Edition2County(Self.tenFirms() + [Edition2County.Firm("X1", status: "注销", tax: "1")])
        let entries = DecisionEntries(connection: county.connection)
        _ = try entries.adjust(year: 2024, uscc: county.uscc("A4"), points: "+3", item: "科技创新", documentNo: "D1", reason: "r", enteredBy: "t")
        _ = try entries.adjust(year: 2024, uscc: county.uscc("A4"), points: "4", item: "品牌", documentNo: "D2", reason: "r", enteredBy: "t")
        _ = try entries.adjust(year: 2024, uscc: county.uscc("A6"), points: "-10", item: "安全生产", documentNo: "D3", reason: "r", enteredBy: "t")
        let revoked = try entries.adjust(year: 2024, uscc: county.uscc("A7"), points: "2", item: "专利", documentNo: "D4", reason: "r", enteredBy: "t")
        _ = try entries.adjust(year: 2024, uscc: county.uscc("X1"), points: "2", item: "专利", documentNo: "D5", reason: "r", enteredBy: "t")
        try entries.revoke(.adjustment, id: revoked, reason: "撤销", by: "t")
        #expect(throws: GradingError.self) { try entries.revoke(.adjustment, id: revoked, reason: "again", by: "t") }
        #expect(throws: GradingError.self) {
            _ = try entries.adjust(year: 2024, uscc: county.uscc("A7"), points: "1.005", item: "x", documentNo: "D", reason: "r", enteredBy: "t")
        }
        let exemption = try entries.exempt(year: 2024, uscc: county.uscc("A10"), documentNo: "政办〔2025〕3号", reason: "重大项目建设期", enteredBy: "t")

        let indicators = "      tax_per_mu:   {weight: 100, benchmark: 10000, cap: null}"
        let profile = try Edition2County.profile(above: indicators, replacing: [
            ("adjustments: {max_bonus: 0, max_deduction: 0}", "adjustments: {max_bonus: 5, max_deduction: 3}")])
        let run = try county.evaluate(profile)
        let rows = try county.rows(run.runID)
        // Score 10 × i; A4 40 + min(3 + 4, 5) = 45; A6 60 + max(−10, −3) = 57; A7's +2 is revoked.
        // A10 is exempted: T, in no graded set, so each cohort has 9 firms (A ≤ 1.8, B ≤ 5.4, C ≤ 8.55).
        #expect(rows["A4"] == "C C 45.0000 6 9 above adjusted")
        #expect(rows["A6"] == "B B 57.0000 4 9 above adjusted")
        #expect(rows["A7"] == "B B 70.0000 3 9 above ")
        #expect(rows["A9"] == "A A 90.0000 1 9 above ")
        #expect(rows["A10"] == "T T - - - above exempted")
        #expect(rows["X1"] == "N N - - - above not_active")
        #expect(try county.county.strings("SELECT coalesce(adjustment::text, '-') FROM runs.enterprise_grades WHERE run_id = $1 AND uscc IN ($2, $3, $4) ORDER BY uscc",
                                          [Int(run.runID), county.uscc("A4"), county.uscc("A6"), county.uscc("X1")]) == ["5.00", "-3.00", "-"])
        #expect(run.notes.filter { !$0.hasPrefix("procedure keys") }.isEmpty)

        // With the profile's adjustments off the entries are kept, not applied, and the run says so.
        let off = try county.evaluate(try Edition2County.profile(above: indicators))
        #expect(try county.rows(off.runID)["A4"] == "C C 40.0000 6 9 above ")
        #expect(off.notes.filter { !$0.hasPrefix("procedure keys") } == ["adjustments of 2024 not applied: the profile has grading.adjustments off (4 entries)"])

        // A revoked exemption stops applying; the trail keeps it.
        try entries.revoke(.exemption, id: exemption, reason: "建设期结束", by: "t")
        #expect(try county.rows(try county.evaluate(profile).runID)["A10"] == "A A 100.0000 1 10 above ")
        #expect(try county.county.strings("SELECT kind, revoked FROM mart.operator_entries WHERE uscc = $1", [county.uscc("A10")])
                == ["exemption|t"])
    }

    @Test("cohorts by scale and industry group: a small group pools into its scale; N rows keep their registry cohort")
    func pooling() throws {
        let county = try Edition2County(Self.tenFirms {
            let i = Int($0.name.dropFirst())!
            $0.industry = i <= 5 ? "C3411" : i <= 7 ? "C2611" : "C1311"
        } + [Edition2County.Firm("X1", industry: "C2611", status: "注销", tax: "1")])
        let profile = try Edition2County.profile(above: "      tax_per_mu:   {weight: 100, benchmark: 10000, cap: null}", replacing: [
            ("cohort_by: [scale]", "cohort_by: [scale, industry]"),
            ("industry_groups: {}", "industry_groups: {chemicals: [\"26\"], equipment: [\"34\"]}"),
            ("min_cohort_size: 10", "min_cohort_size: 3")])
        let run = try county.evaluate(profile)
        let rows = try county.rows(run.runID)
        // equipment (A1–A5): 5 firms; chemicals (A6, A7): 2 < 3, pooled into `above`; other (A8–A10): 3.
        #expect(rows["A5"] == "A A 50.0000 1 5 above|equipment ")
        #expect(rows["A1"] == "D D 10.0000 5 5 above|equipment ")
        #expect(rows["A7"] == "B B 70.0000 1 2 above ")
        #expect(rows["A6"] == "D D 60.0000 2 2 above ")
        #expect(rows["A10"] == "B B 100.0000 1 3 above|other ")
        #expect(rows["X1"] == "N N - - - above|chemicals not_active")
        #expect(try county.county.strings("SELECT cohort, n_defined FROM runs.grade_benchmarks WHERE run_id = $1 ORDER BY cohort",
                                          [Int(run.runID)]) == ["above|2", "above|equipment|5", "above|other|3"])
    }

    @Test("previous_year: the published mean of Y−1; the first year falls back; a gap is refused (exit 65)")
    func previousYear() throws {
        let county = try Edition2County(Self.tenFirms(), years: [2023, 2024], taxFactor: [2023: Decimal(string: "0.5")!])
        let profile = try Edition2County.profile(above: "      tax_per_mu:   {weight: 100, benchmark_basis: previous_year}")
        // 2023: nothing published before → same_year: mean tax/mu 2 750, benchmark 5 500.
        let y2023 = try county.evaluate(2023, profile, publish: true)
        #expect(y2023.notes.filter { !$0.hasPrefix("procedure keys") } == ["previous_year benchmark of above tax_per_mu: no earlier year published, same_year used"])
        // 2024: 2 × 2023's published mean 2 750 = 5 500 (2024's own mean is 5 500, which would give 11 000).
        // A5: 100 × 5000 / 5500 = 90.9091; A10: 100 × min(10000 / 5500, 2) = 181.8182.
        let y2024 = try county.evaluate(2024, profile)
        let rows = try county.rows(y2024.runID)
        #expect(rows["A5"] == "B B 90.9091 6 10 above ")
        #expect(rows["A10"] == "A A 181.8182 1 10 above ")
        #expect(try county.county.strings("""
            SELECT benchmark_basis, fell_back, basis_run_id, round(mean, 2), round(benchmark, 2)
            FROM runs.grade_benchmarks WHERE run_id = $1
            """, [Int(y2024.runID)]) == ["previous_year|f|\(y2023.runID)|5500.00|5500.00"])
    }

    @Test("previous_year is refused when an earlier year was published but not Y−1, and nothing is recorded")
    func previousYearRefused() throws {
        let county = try Edition2County(Self.tenFirms(), years: [2022, 2024])
        let profile = try Edition2County.profile(above: "      tax_per_mu:   {weight: 100, benchmark_basis: previous_year}")
        _ = try county.evaluate(2022, profile, publish: true)
        #expect {
            _ = try county.evaluate(2024, profile)
        } throws: { error in
            guard let e = error as? GradingError else { return false }
            return e.code == .benchmarkUnavailable && e.exitReason == .dataError
                && e.message.contains("2023") && e.message.contains("above tax_per_mu")
        }
        #expect(try county.county.int("SELECT count(*) FROM runs.evaluation_runs WHERE year = 2024") == 0)
    }

    @Test("Huangyan 2022: six indicators against fixed benchmarks, no cap, a missing emission scored at the cohort mean")
    func huangyan() throws {
        func stats(_ va: String, _ tce: String, _ em: String?, _ emp: String, _ rd: String, _ rev: String) -> [String: String] {
            var row = ["value_added": va, "energy_tce": tce, "employees_avg": emp, "rd_expense": rd, "revenue": rev]
            row["emissions_t"] = em
            return row
        }
        let county = try Edition2County([
            Edition2County.Firm("H1", tax: "11704500", kwh: "1", statistics: stats("19840500", "781", "0.5", "100", "600000", "20000000")),
            Edition2County.Firm("H2", tax: "3901500", kwh: "1", statistics: stats("9920250", "300", "0.2", "50", "305000", "10000000")),
            Edition2County.Firm("H3", tax: "1950750", kwh: "1", statistics: stats("39681000", "1000", nil, "200", "1000000", "50000000")),
            Edition2County.Firm("H4", tax: "780300", kwh: "1", statistics: stats("-1000000", "100", "0.1", "20", "0", "5000000")),
        ])
        let run = try county.evaluate(try CountyFixture.shippedProfile("zhejiang-huangyan"))
        let rows = try county.rows(run.runID)
        // By hand (docs/grading.md, worked example 1), L = 15 mu:
        // H1: tax/mu 780 300 → 30 × 3 = 90 (no cap); VA/mu 1 322 700 → 20; VA/tce 25 403.97 → 20.0031;
        //     VA/t 39 681 000 → 8.1630; VA/person 198 405 → 11.3699; R&D 0.03 → 9.8361: 159.3721.
        // H2: 30 + 10 + 26.0374 + 10.2038 + 11.3699 + 10 = 97.6111.
        // H3: no emissions: 10 × mean(8.1630, 10.2038, 0) = 6.1223 → 15 + 40 + 31.2449 + 6.1223 + 11.3699 + 6.5574 = 110.2944.
        // H4: a loss year: every value-added indicator scores 0, never below: 6 + 0 = 6.
        #expect(rows["H1"] == "B B 159.3721 1 4 above ")
        #expect(rows["H3"] == "B B 110.2944 2 4 above no_statistics")
        #expect(rows["H2"] == "C C 97.6111 3 4 above ")
        #expect(rows["H4"] == "D D 6.0000 4 4 above ")
        #expect(try county.county.strings("""
            SELECT indicator, method, fixed, coalesce(cap::text, 'none'), missing, round(mean_points, 4)
            FROM runs.grade_benchmarks WHERE run_id = $1 AND indicator = 'value_added_per_emission'
            """, [Int(run.runID)]) == ["value_added_per_emission|ratio|t|none|cohort_mean|6.1223"])
        // The mart shows the statistics inputs and every weighted indicator; tax/kWh is not Huangyan's above scale.
        _ = try county.evaluate(2024, try CountyFixture.shippedProfile("zhejiang-huangyan"), publish: true)
        #expect(try county.county.strings("""
            SELECT value_added_yuan, emissions_t, round(value_added_per_tce_yuan, 2), coalesce(tax_per_kwh_yuan::text, '-'),
                   coalesce(value_added_per_emission_yuan::text, '-')
            FROM mart.enterprise_grades WHERE uscc = $1
            """, [county.uscc("H3")]) == ["39681000.00|∅|39681.00|-|-"])
        // Without a statistics batch of the year the six-indicator method is refused (details.md #117).
        let bare = try Edition2County([Edition2County.Firm("H1", tax: "11704500", kwh: "1")])
        #expect {
            _ = try bare.evaluate(try CountyFixture.shippedProfile("zhejiang-huangyan"))
        } throws: { error in "\(error)".contains("statistics 2024") }
    }

    @Test("held D with statistics: 0 employees is known (not held, details 98); an empty R&D over 0 revenue is unknown (held, 111)")
    func heldDStatistics() throws {
        // VA = 1 000 000 × i, 10 employees (labour productivity 100 000 × i), R&D 5 % of revenue.
        let county = try Edition2County(Self.tenFirms {
            let i = Int($0.name.dropFirst())!
            var row = ["value_added": String(1_000_000 * i), "employees_avg": "10", "rd_expense": "50000", "revenue": "1000000"]
            if i == 1 { row["employees_avg"] = "0" }
            if i == 2 { row["rd_expense"] = nil; row["revenue"] = "0" }
            $0.statistics = row
        })
        let profile = try Edition2County.profile(above: """
                  tax_per_mu:          {weight: 50, benchmark: 5000}
                  labour_productivity: {weight: 25, benchmark: 100000}
                  rd_ratio:            {weight: 25, benchmark: 0.05}
            """, replacing: [("C: 0.95}", "C: 0.80}")])
        let rows = try county.rows(try county.evaluate(profile).runID)
        // A1: 10 + 0 (no labour productivity: 0 employees) + 25 = 35; A2: 20 + 50 (capped at 2) + 0 = 70.
        #expect(rows["A1"] == "D D 35.0000 10 10 above no_statistics")
        #expect(rows["A2"] == "D D 70.0000 9 10 above held_missing_data;no_statistics")
        #expect(rows["A3"] == "C C 105.0000 8 10 above ")
    }

    @Test("reweight and cohort_mean together: the reweight factor multiplies the cohort-mean substitute too (details 112)")
    func reweightWithCohortMean() throws {
        // A1 has no power account and no statistics row; A2–A10 have value added 100 000 yuan/mu.
        let county = try Edition2County(Self.tenFirms {
            if $0.name == "A1" { $0.kwh = nil } else { $0.statistics = ["value_added": "1500000"] }
        })
        let profile = try Edition2County.profile(above: """
                  tax_per_mu:         {weight: 50, benchmark: 5000}
                  tax_per_kwh:        {weight: 25, benchmark: 2, missing: reweight}
                  value_added_per_mu: {weight: 25, benchmark: 100000, missing: cohort_mean}
            """)
        let rows = try county.rows(try county.evaluate(profile).runID)
        // A1: (10 + 25, the cohort's mean VA points) × 100 / (100 − 25) = 46.6667; not held (no `zero` rule).
        // A2: 20 + 25 × 0.5 + 25 = 57.5.
        #expect(rows["A1"] == "D D 46.6667 10 10 above no_power_data;no_statistics")
        #expect(rows["A2"] == "C C 57.5000 9 10 above ")
    }
}

