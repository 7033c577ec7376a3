import MujunCore

/// The keys edition 2 adds to a profile (spec indicators.md §3–§7, procedure.md, details.md
/// #103, #126, #128). Each is optional: an edition-1 profile leaves them out and gets
/// `policy-default-ed2.yaml`'s value, which the SQL that reads the key states where it reads it.
extension PolicySchema {
    static let cohortParts = ["scale", "region", "industry"]
    static let builtInLists: Set<String> = ["electricity", "water", "gas", "mortgage-freeze", "verification", "all", "notice"]

    /// `grading.cohort_by` (indicators.md §6), or edition 1's `cohort_by_region`, never both
    /// (details.md #126). The parts are returned in the name's fixed order: scale, region,
    /// industry.
    func cohortBy(_ grading: inout Keys) throws -> [String] {
        let byRegion = try grading.optionalBool("cohort_by_region")
        guard grading.has("cohort_by") else { return byRegion == true ? ["scale", "region"] : ["scale"] }
        guard byRegion == nil else {
            throw error("grading.cohort_by_region", "either cohort_by_region (edition 1) or cohort_by, not both")
        }
        let parts = try grading.list("cohort_by") { v, p in
            let s = try text(v, p)
            guard PolicySchema.cohortParts.contains(s) else { throw error(p, "scale, region or industry") }
            return s
        }
        guard Set(parts).count == parts.count else { throw error("grading.cohort_by", "each part once") }
        guard parts.contains("scale") else { throw error("grading.cohort_by", "a list that contains scale") }
        return PolicySchema.cohortParts.filter(parts.contains)
    }

    /// `grading.industry_groups`: group name → 2-digit GB/T 4754 divisions; a division in two
    /// groups is refused naming both (details.md #103).
    func industryGroups(_ grading: inout Keys) throws {
        guard let value = grading.takeOptional("industry_groups") else { return }
        var groups = try Keys(value, "grading.industry_groups", self)
        var owner: [String: String] = [:]
        for name in groups.keys {
            let path = "grading.industry_groups.\(name)"
            guard name != "other", !name.contains("|") else { throw error(path, "a group name other than `other`, without |") }
            guard case .list(let items) = try groups.take(name) else { throw error(path, "a list of 2-digit divisions") }
            for (i, item) in items.enumerated() {
                // Quoted, as the spec writes them: unquoted YAML would read 07 as the number 7.
                guard case .string(let division) = item, division.count == 2, division.allSatisfy(\.isASCIIDigitish) else {
                    throw error("\(path)[\(i)]", "a quoted 2-digit division such as \"26\"")
                }
                if let first = owner[division] {
                    throw error(path, "division \(division) only once, but it is in both \(first) and \(name)")
                }
                owner[division] = name
            }
        }
        try groups.finish()
    }

    /// One indicator of a cohort (indicators.md §3): a key of the other method is refused
    /// (details.md #103), as is a fixed benchmark together with a benchmark basis.
    func indicator(_ value: PolicyValue, _ path: String) throws -> PolicyProfile.Indicator {
        var keys = try Keys(value, path, self)
        let weight = try keys.number("weight", above: 0)
        let method = keys.has("method") ? try keys.text("method") : "ratio"
        guard method == "ratio" || method == "minmax" else { throw error("\(path).method", "ratio or minmax") }
        let ratioKeys = ["benchmark", "benchmark_basis", "cap"]
        if method == "minmax", let stray = ratioKeys.first(where: keys.has) {
            throw error("\(path).\(stray)", "no \(stray) on a minmax indicator (it is a ratio key)")
        }
        if method == "ratio", keys.has("floor") {
            throw error("\(path).floor", "no floor on a ratio indicator (it is a minmax key)")
        }
        let benchmark = try keys.optionalNumber("benchmark", above: 0)
        if keys.has("benchmark_basis") {
            guard benchmark == nil else {
                throw error("\(path).benchmark_basis", "no benchmark_basis beside a fixed benchmark")
            }
            let basis = try keys.text("benchmark_basis")
            guard basis == "same_year" || basis == "previous_year" else {
                throw error("\(path).benchmark_basis", "same_year or previous_year")
            }
        }
        if keys.has("cap") { _ = try keys.optionalNumber("cap", above: 0) }
        if keys.has("floor") { _ = try keys.number("floor", atLeast: 0, below: 1) }
        if keys.has("missing") {
            let missing = try keys.text("missing")
            guard ["zero", "cohort_mean", "reweight"].contains(missing) else {
                throw error("\(path).missing", "zero, cohort_mean or reweight")
            }
        }
        try keys.finish()
        return PolicyProfile.Indicator(weight: weight, benchmark: benchmark, method: method)
    }

    /// `lists.enterprise_lists` (procedure.md §4; details.md #128): consequence lists keyed by
    /// enterprise. Read by the procedure's lists; checked here so a profile that names them loads.
    func enterpriseLists(_ value: PolicyValue) throws {
        var lists = try Keys(value, "lists.enterprise_lists", self)
        for name in lists.keys {
            let path = "lists.enterprise_lists.\(name)"
            guard let first = name.unicodeScalars.first, ("a"..."z").contains(first),
                  name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
                throw error(path, "a list name of a–z, 0–9 and -, starting with a letter")
            }
            guard !PolicySchema.builtInLists.contains(name) else { throw error(path, "a name that is not a built-in list's") }
            var list = try Keys(lists.take(name), path, self)
            _ = try list.text("recipient")
            var grounds = 0
            if list.has("grades") {
                grounds += try list.list("grades") { v, p in
                    let s = try text(v, p)
                    guard ["A", "B", "C", "D"].contains(s) else { throw error(p, "A, B, C or D") }
                    return s
                }.count
            }
            if list.has("flags") {
                grounds += try list.list("flags") { v, p in
                    let s = try text(v, p)
                    guard s == "IDLE" || s == "INEFF" else { throw error(p, "IDLE or INEFF") }
                    return s
                }.count
            }
            guard grounds > 0 else { throw error(path, "grades or flags that put an enterprise on it") }
            guard try !list.list("measures", { v, p in try text(v, p) }).isEmpty else {
                throw error("\(path).measures", "at least one measure")
            }
            _ = try list.text("basis")
            try list.finish()
        }
        try lists.finish()
    }

    /// `evaluation` (procedure.md §1; details.md #124).
    func evaluation(_ value: PolicyValue) throws {
        var evaluation = try Keys(value, "evaluation", self)
        _ = try evaluation.optionalBool("require_notice")
        if evaluation.has("notice_days") { _ = try evaluation.integer("notice_days", atLeast: 1) }
        if evaluation.has("effective_lead_days") { _ = try evaluation.integer("effective_lead_days", atLeast: 0) }
        if evaluation.has("objection_contact") {
            guard case .string = try evaluation.take("objection_contact") else {
                throw error("evaluation.objection_contact", "text (may be empty)")
            }
        }
        try evaluation.finish()
    }
}
