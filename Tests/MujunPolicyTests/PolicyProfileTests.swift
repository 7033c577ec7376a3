import Foundation
import MujunPolicy
import MujunTestSupport
import Testing

@Suite("Policy profiles")
struct PolicyProfileTests {
    static let defaultYAML = try! String(contentsOf: MujunBinary.packageRoot.appendingPathComponent("jobs/policies/default.yaml"),
                                         encoding: .utf8)
    /// Edition 1's default (the spec's policy-default.yaml): the profile the parsing tests below
    /// were written against; edition-1 profiles still load (details.md #126).
    static let edition1YAML = try! String(contentsOf: MujunBinary.packageRoot.appendingPathComponent("../shared/spec/policy-default.yaml"),
                                          encoding: .utf8)

    @Test("the shipped profiles load, and the default has the spec's values")
    func shippedProfiles() throws {
        let profile = try PolicyProfile.load(MujunBinary.packageRoot.appendingPathComponent("jobs/policies/default.yaml").path)
        #expect(profile.name == "default")
        #expect(profile.sections == ["C"])
        #expect(profile.industrialLandUses == ["工业"])
        #expect(profile.indicators["above"]?["tax_per_mu"]?.weight == "45")
        #expect(profile.indicators["below"]?["tax_per_kwh"] == nil)
        #expect(profile.classCuts.a == "0.2" && profile.classCuts.b == "0.6" && profile.classCuts.c == "0.95")
        let zhejiang = try PolicyProfile.load(MujunBinary.packageRoot.appendingPathComponent("jobs/policies/zhejiang-jindong.yaml").path)
        #expect(zhejiang.indicators["below"]?["tax_per_kwh"]?.weight == "50")
        #expect(zhejiang.indicators["below"]?["sales_per_mu"] == nil)
        #expect(zhejiang.sha256 != profile.sha256)
        // Edition 2 has landed (every key of policy-default-ed2.yaml is applied): the spec's
        // edition-2 file and the shipped default are the same profile, byte for byte.
        let specURL = MujunBinary.packageRoot.appendingPathComponent("../shared/spec/policy-default-ed2.yaml")
        let spec = try PolicyProfile.load(specURL.path)
        #expect(spec.sha256 == profile.sha256)
        #expect(try Data(contentsOf: specURL) == Data(Self.defaultYAML.utf8))
        // Edition 1's file still loads: its absent keys take edition 2's values (details.md #126).
        let ed1 = try PolicyProfile.load(MujunBinary.packageRoot.appendingPathComponent("../shared/spec/policy-default.yaml").path)
        #expect(ed1.requireNotice && ed1.noticeDays == 7 && ed1.sha256 != profile.sha256)
    }

    @Test("the hash ignores comments, key order and how a number is written")
    func canonicalHash() throws {
        let a = try PolicyProfile(yaml: Self.edition1YAML, source: "a")
        let reordered = Self.edition1YAML
            .replacingOccurrences(of: "  benchmark_factor: 2 ", with: "  benchmark_factor: 2.00 ")
            .replacingOccurrences(of: "# ", with: "#  ")
        let b = try PolicyProfile(yaml: reordered, source: "b")
        #expect(a.sha256 == b.sha256)
        let changed = try PolicyProfile(yaml: Self.edition1YAML.replacingOccurrences(of: "ratio_cap: 2", with: "ratio_cap: 3"), source: "c")
        #expect(changed.sha256 != a.sha256)
        #expect(a.canonicalJSON.hasPrefix("{\"grading\":{\"benchmark_factor\":2,\"class_cuts\":{\"A\":0.2,\"B\":0.6,\"C\":0.95}"))
        #expect(a.canonicalJSON.contains("\"lowfar_since\":\"2023-01-01\""))
        #expect(a.canonicalJSON.contains("\"recover_if_supplied_before\":null"))
        #expect(!a.canonicalJSON.contains(" "))
    }

    @Test("unknown keys and out-of-range values are refused, naming the key")
    func refusals() throws {
        let cases: [(String, String, String)] = [
            ("  ratio_cap: 2", "  ratio_cap: 2\n  ratio_kap: 2", "grading.ratio_kap"),
            ("  ratio_cap: 2", "  ratio_cap: 0", "grading.ratio_cap"),
            ("class_cuts: {A: 0.20, B: 0.60, C: 0.95}", "class_cuts: {A: 0.70, B: 0.60, C: 0.95}", "grading.class_cuts"),
            ("tax_per_mu:   {weight: 45}", "tax_per_mu:   {weight: -45}", "grading.indicators.above.tax_per_mu.weight"),
            ("sales_per_mu: {weight: 35}", "sales_per_mu: {weight: 35, bench: 3}", "grading.indicators.above.sales_per_mu.bench"),
            ("idle_developed_share: \"1/3\"", "idle_developed_share: \"4/3\"", "land.idle_developed_share"),
            ("lowfar_since: 2023-01-01", "lowfar_since: 2023-02-30", "land.lowfar_since"),
            ("  sections: [C]", "  sections: [Z]", "grading.sections[0]"),
            ("idle_fee_rate: 0.20", "idle_fee_rate: 1.5", "land.idle_fee_rate"),
            ("  freeze_requires_determination: false", "", "lists.freeze_requires_determination"),
        ]
        for (from, to, key) in cases {
            let yaml = Self.edition1YAML.replacingOccurrences(of: from, with: to)
            #expect(yaml != Self.edition1YAML, "fixture did not change: \(from)")
            #expect {
                try PolicyProfile(yaml: yaml, source: "county.yaml")
            } throws: { error in
                (error as? PolicyError)?.key == key && (error as? PolicyError)?.description.contains("county.yaml") == true
            }
        }
    }

    @Test("a profile is stored once per hash and SQL reads its numbers exactly")
    func storedForSQL() throws {
        let db = try TestDatabase.migrated()
        let connection = try db.connect()
        let profile = try PolicyProfile(yaml: Self.defaultYAML, source: "default.yaml")
        try profile.record(in: connection)
        try profile.record(in: connection)
        #expect(try connection.execute("SELECT count(*) FROM runs.policy_profiles").scalarInt() == 1)
        let values = try connection.execute("""
            SELECT runs.policy_number(content, 'grading', 'class_cuts', 'B')::text,
                   runs.policy_share_numerator(content #>> '{land,idle_developed_share}')::text || '/' ||
                   runs.policy_share_denominator(content #>> '{land,idle_developed_share}')::text,
                   content #>> '{lists,surcharge,electricity,D,2}'
            FROM runs.policy_profiles WHERE sha256 = $1
            """, [profile.sha256])
        #expect(values.string(0, 0) == "0.6")
        #expect(values.string(0, 1) == "1/3")
        #expect(values.string(0, 2) == "0.1")
    }
}
