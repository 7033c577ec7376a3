import Foundation
import MujunPolicy
import MujunTestSupport
import Testing

/// The keys edition 2 adds (spec indicators.md §3–§7, procedure.md; details.md #103, #126, #128).
@Suite("Policy profiles: edition 2 keys")
struct PolicyEdition2Tests {
    static let spec = MujunBinary.packageRoot.appendingPathComponent("../shared/spec")
    static let ed2YAML = try! String(contentsOf: spec.appendingPathComponent("policy-default-ed2.yaml"), encoding: .utf8)

    @Test("the Huangyan profile ships as the spec writes it; the edition-2 default loads; edition-1 profiles still do")
    func shipped() throws {
        let shipped = try PolicyProfile.load(MujunBinary.packageRoot.appendingPathComponent("jobs/policies/zhejiang-huangyan.yaml").path)
        let literal = try PolicyProfile.load(Self.spec.appendingPathComponent("policy-huangyan.yaml").path)
        #expect(shipped.sha256 == literal.sha256)
        #expect(shipped.name == "zhejiang-huangyan")
        #expect(shipped.indicators["above"]?.keys.sorted() == ["labour_productivity", "rd_ratio", "tax_per_mu", "value_added_per_emission",
                                                               "value_added_per_mu", "value_added_per_tce"])
        #expect(shipped.indicators["above"]?["rd_ratio"] == PolicyProfile.Indicator(weight: "10", benchmark: "0.0305"))
        #expect(shipped.weightsStatistics)
        let ed2 = try PolicyProfile(yaml: Self.ed2YAML, source: "ed2.yaml")
        #expect(ed2.cohortBy == ["scale"] && !ed2.weightsStatistics)
        // Edition 1's cohort_by_region still loads, as cohort_by [scale, region] (details.md #126).
        let ed1 = try PolicyProfile(yaml: PolicyProfileTests.edition1YAML.replacingOccurrences(
            of: "cohort_by_region: false", with: "cohort_by_region: true"), source: "ed1.yaml")
        #expect(ed1.cohortBy == ["scale", "region"])
        let parts = try PolicyProfile(yaml: Self.ed2YAML.replacingOccurrences(
            of: "cohort_by: [scale]", with: "cohort_by: [industry, scale]"), source: "x.yaml")
        #expect(parts.cohortBy == ["scale", "industry"])
        let minmax = try PolicyProfile(yaml: Self.ed2YAML.replacingOccurrences(
            of: "sales_per_mu: {weight: 35}", with: "sales_per_mu: {weight: 35, method: minmax, floor: 0, missing: reweight}"),
            source: "x.yaml")
        #expect(minmax.indicators["above"]?["sales_per_mu"]?.method == "minmax")
    }

    @Test("each new key is refused when wrong, naming the key")
    func refusals() throws {
        let cases: [(String, String, String)] = [
            ("cohort_by: [scale]", "cohort_by: [region]", "grading.cohort_by"),
            ("cohort_by: [scale]", "cohort_by: [scale, scale]", "grading.cohort_by"),
            ("cohort_by: [scale]", "cohort_by: [scale, town]", "grading.cohort_by[1]"),
            ("cohort_by: [scale]", "cohort_by: [scale]\n  cohort_by_region: false", "grading.cohort_by_region"),
            ("industry_groups: {}", "industry_groups: {chemicals: [\"25\", \"26\"], plastics: [\"29\", \"26\"]}",
             "grading.industry_groups.plastics"),
            ("industry_groups: {}", "industry_groups: {chemicals: [26]}", "grading.industry_groups.chemicals[0]"),
            ("industry_groups: {}", "industry_groups: {chemicals: [\"2\"]}", "grading.industry_groups.chemicals[0]"),
            ("sales_per_mu: {weight: 35}", "sales_per_mu: {weight: 35, floor: 0.2}", "grading.indicators.above.sales_per_mu.floor"),
            ("sales_per_mu: {weight: 35}", "sales_per_mu: {weight: 35, method: minmax, benchmark: 3}",
             "grading.indicators.above.sales_per_mu.benchmark"),
            ("sales_per_mu: {weight: 35}", "sales_per_mu: {weight: 35, method: minmax, cap: null}",
             "grading.indicators.above.sales_per_mu.cap"),
            ("sales_per_mu: {weight: 35}", "sales_per_mu: {weight: 35, method: minmax, floor: 1}",
             "grading.indicators.above.sales_per_mu.floor"),
            ("sales_per_mu: {weight: 35}", "sales_per_mu: {weight: 35, method: rank}", "grading.indicators.above.sales_per_mu.method"),
            ("sales_per_mu: {weight: 35}", "sales_per_mu: {weight: 35, benchmark: 5, benchmark_basis: same_year}",
             "grading.indicators.above.sales_per_mu.benchmark_basis"),
            ("sales_per_mu: {weight: 35}", "sales_per_mu: {weight: 35, benchmark_basis: last_year}",
             "grading.indicators.above.sales_per_mu.benchmark_basis"),
            ("sales_per_mu: {weight: 35}", "sales_per_mu: {weight: 35, missing: mean}", "grading.indicators.above.sales_per_mu.missing"),
            ("sales_per_mu: {weight: 35}", "sales_per_mu: {weight: 35, cap: 0}", "grading.indicators.above.sales_per_mu.cap"),
            ("sales_per_mu: {weight: 35}", "sales_per_mu: {weight: 0}", "grading.indicators.above.sales_per_mu.weight"),
            ("sales_per_mu: {weight: 35}", "profit_per_mu: {weight: 35}", "grading.indicators.above.profit_per_mu"),
            ("adjustments: {max_bonus: 0, max_deduction: 0}", "adjustments: {max_bonus: -1, max_deduction: 0}",
             "grading.adjustments.max_bonus"),
            ("hold_d_on_missing_data: true", "hold_d_on_missing_data: 1", "grading.hold_d_on_missing_data"),
            ("  notice_days: 7", "  notice_days: 0", "evaluation.notice_days"),
            ("  rectify_years: 1", "  rectify_years: -1", "land.rectify_years"),
            ("    land-bidding:", "    notice:", "lists.enterprise_lists.notice"),
            ("      grades: [D]", "      grades: [E]", "lists.enterprise_lists.land-bidding.grades[0]"),
            ("      flags: [IDLE]\n", "      flags: [IDLE]\n      when: always\n", "lists.enterprise_lists.finance-notice.when"),
            ("gas: {C: 0, D: 0, idle: 0}", "gas: {C: 0, D: -1, idle: 0}", "lists.surcharge.gas.D"),
        ]
        for (from, to, key) in cases {
            let yaml = Self.ed2YAML.replacingOccurrences(of: from, with: to)
            #expect(yaml != Self.ed2YAML, "fixture did not change: \(from)")
            #expect(throws: PolicyError.self, "\(key)") { try PolicyProfile(yaml: yaml, source: "county.yaml") }
            do { _ = try PolicyProfile(yaml: yaml, source: "county.yaml") } catch let error as PolicyError {
                #expect(error.key == key, "\(to): \(error)")
            }
        }
        // Both groups are named when a division is in two (details.md #103).
        let twice = Self.ed2YAML.replacingOccurrences(of: "industry_groups: {}",
                                                      with: "industry_groups: {chemicals: [\"26\"], plastics: [\"26\"]}")
        #expect { try PolicyProfile(yaml: twice, source: "county.yaml") } throws: { error in
            "\(error)".contains("chemicals") && "\(error)".contains("plastics")
        }
    }
}
