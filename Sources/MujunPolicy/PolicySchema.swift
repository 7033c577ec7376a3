import MujunCore

/// The key set and ranges of a policy profile (spec policy-default.yaml is the literal key
/// set; evaluation.md §8: unknown keys and out-of-range values are refused, naming the key).
struct PolicySchema {
    let source: String

    struct Checked {
        var name = ""
        var sections: [String] = []
        var industrialLandUses: [String] = []
        var indicators: [String: [String: PolicyProfile.Indicator]] = [:]
        var cohortBy: [String] = ["scale"]
        var classCuts = (a: "", b: "", c: "")
    }

    /// The indicator catalogue of spec indicators.md §2, in its order.
    static let catalogue = ["tax_per_mu", "sales_per_mu", "tax_per_kwh", "value_added_per_mu", "value_added_per_tce",
                            "value_added_per_emission", "labour_productivity", "rd_ratio", "tech_investment_per_mu",
                            "tax_per_emission"]
    static let indicatorNames = Set(catalogue)
    static let taxColumns: Set<String> = ["vat", "corporate_income_tax", "individual_income_tax",
                                          "urban_land_use_tax", "property_tax", "other_taxes"]

    func check(_ tree: PolicyValue) throws -> Checked {
        var out = Checked()
        var root = try Keys(tree, "", self)
        out.name = try root.text("name")

        var grading = try Keys(root.take("grading"), "grading", self)
        out.sections = try grading.list("sections") { v, p in
            let s = try text(v, p)
            guard s.count == 1, let c = s.first, ("A"..."T").contains(c) else {
                throw error(p, "a GB/T 4754 section letter A–T")
            }
            return s
        }
        out.industrialLandUses = try grading.list("industrial_land_uses") { v, p in try text(v, p) }
        guard !out.industrialLandUses.isEmpty else { throw error("grading.industrial_land_uses", "at least one land use") }
        _ = try grading.number("min_land_mu_below_scale", atLeast: 0)
        _ = try grading.integer("new_production_years", atLeast: 0)
        out.cohortBy = try cohortBy(&grading)
        try industryGroups(&grading)
        _ = try grading.integer("min_cohort_size", atLeast: 1)
        _ = try grading.list("grading_tax_excludes") { v, p in
            let s = try text(v, p)
            guard PolicySchema.taxColumns.contains(s) else { throw error(p, "one of \(PolicySchema.taxColumns.sorted().joined(separator: ", "))") }
            return s
        }
        _ = try grading.number("benchmark_factor", above: 0)
        _ = try grading.number("ratio_cap", above: 0)
        var cuts = try Keys(grading.take("class_cuts"), "grading.class_cuts", self)
        let a = try cuts.number("A", above: 0, atMost: 1), b = try cuts.number("B", above: 0, atMost: 1)
        let c = try cuts.number("C", above: 0, atMost: 1)
        try cuts.finish()
        guard Double(a)! <= Double(b)!, Double(b)! <= Double(c)! else {
            throw error("grading.class_cuts", "cuts must rise: A ≤ B ≤ C")
        }
        out.classCuts = (a, b, c)
        _ = try grading.bool("idle_land_veto")
        _ = try grading.optionalBool("hold_d_on_missing_data")
        if let value = grading.takeOptional("adjustments") {
            var adjustments = try Keys(value, "grading.adjustments", self)
            _ = try adjustments.number("max_bonus", atLeast: 0)
            _ = try adjustments.number("max_deduction", atLeast: 0)
            try adjustments.finish()
        }
        var cohorts = try Keys(grading.take("indicators"), "grading.indicators", self)
        for cohort in ["above", "below"] {
            let path = "grading.indicators.\(cohort)"
            var indicators = try Keys(cohorts.take(cohort), path, self)
            var table: [String: PolicyProfile.Indicator] = [:]
            for key in indicators.keys {
                guard PolicySchema.indicatorNames.contains(key) else {
                    throw error("\(path).\(key)", "unknown indicator; use one of the catalogue's: "
                                + PolicySchema.catalogue.joined(separator: ", "))
                }
                table[key] = try indicator(indicators.take(key), "\(path).\(key)")
            }
            try indicators.finish()
            guard !table.isEmpty, table.values.contains(where: { Double($0.weight)! > 0 }) else {
                throw error(path, "at least one indicator with a weight above 0")
            }
            out.indicators[cohort] = table
        }
        try cohorts.finish()
        try grading.finish()

        var land = try Keys(root.take("land"), "land", self)
        _ = try land.integer("idle_start_years", atLeast: 0)
        _ = try land.integer("idle_suspended_years", atLeast: 0)
        _ = try land.fraction("idle_developed_share")
        _ = try land.fraction("idle_invested_share")
        _ = try land.number("idle_fee_rate", atLeast: 0, atMost: 1)
        _ = try land.integer("recover_after_years", atLeast: 0)
        _ = try land.optionalBool("require_determination")
        if land.has("rectify_years") { _ = try land.integer("rectify_years", atLeast: 0) }
        _ = try land.optionalDate("recover_if_supplied_before")
        _ = try land.integer("stopped_months", atLeast: 1)
        _ = try land.number("stopped_month_max_kwh", atLeast: 0)
        _ = try land.integer("seizure_stopped_months", atLeast: 1)
        _ = try land.integer("ineff3_min_production_years", atLeast: 0)
        _ = try land.number("min_tax_per_mu_yuan", atLeast: 0)
        _ = try land.list("ineff3_tax_excludes") { v, p in
            let s = try text(v, p)
            guard PolicySchema.taxColumns.contains(s) else { throw error(p, "a tax column") }
            return s
        }
        _ = try land.list("prohibited_industries") { v, p in
            let s = try text(v, p)
            guard let first = s.first, ("A"..."T").contains(first), s.dropFirst().allSatisfy(\.isASCIIDigitish),
                  s.count <= 5 else { throw error(p, "a section letter and up to 4 digits, e.g. C25") }
            return s
        }
        _ = try land.date("lowfar_since")
        _ = try land.number("min_plot_ratio", atLeast: 0)
        _ = try land.number("split_min_undeveloped_mu", atLeast: 0)
        try land.finish()

        var lists = try Keys(root.take("lists"), "lists", self)
        var surcharge = try Keys(lists.take("surcharge"), "lists.surcharge", self)
        var electricity = try Keys(surcharge.take("electricity"), "lists.surcharge.electricity", self)
        _ = try electricity.number("C", atLeast: 0)
        _ = try electricity.list("D") { v, p in try number(v, p, atLeast: 0) }
        _ = try electricity.number("idle", atLeast: 0)
        try electricity.finish()
        var water = try Keys(surcharge.take("water"), "lists.surcharge.water", self)
        _ = try water.number("C", atLeast: 0)
        _ = try water.number("D", atLeast: 0)
        _ = try water.number("idle", atLeast: 0)
        try water.finish()
        if let value = surcharge.takeOptional("gas") {
            var gas = try Keys(value, "lists.surcharge.gas", self)
            _ = try gas.number("C", atLeast: 0)
            _ = try gas.number("D", atLeast: 0)
            _ = try gas.number("idle", atLeast: 0)
            try gas.finish()
        }
        try surcharge.finish()
        _ = try lists.bool("freeze_requires_determination")
        if let value = lists.takeOptional("enterprise_lists") { try enterpriseLists(value) }
        try lists.finish()

        if let value = root.takeOptional("evaluation") { try evaluation(value) }

        var targets = try Keys(root.take("targets"), "targets", self)
        _ = try targets.optionalNumber("idle_disposal_ratio", atLeast: 0, atMost: 1)
        _ = try targets.optionalNumber("ineff_disposal_ratio", atLeast: 0, atMost: 1)
        var regions = try Keys(targets.take("regions"), "targets.regions", self)
        for code in regions.keys {
            var region = try Keys(regions.take(code), "targets.regions.\(code)", self)
            _ = try region.optionalNumber("base_idle_mu", atLeast: 0)
            _ = try region.optionalNumber("base_ineff_mu", atLeast: 0)
            try region.finish()
        }
        try regions.finish()
        try targets.finish()
        try root.finish()
        return out
    }

    func error(_ key: String, _ expected: String) -> PolicyError {
        PolicyError(file: source, key: key, message: "expected \(expected)")
    }

    func text(_ v: PolicyValue, _ p: String) throws -> String {
        guard case .string(let s) = v, !s.isEmpty else { throw error(p, "text") }
        return s
    }

    func number(_ v: PolicyValue, _ p: String, atLeast low: Double? = nil, above: Double? = nil,
                atMost high: Double? = nil, below: Double? = nil) throws -> String {
        guard case .number(let n) = v, let x = Double(n) else { throw error(p, "a number") }
        if let below, x >= below { throw error(p, "a number < \(below), got \(n)") }
        if let low, x < low { throw error(p, "a number ≥ \(low), got \(n)") }
        if let above, x <= above { throw error(p, "a number > \(above), got \(n)") }
        if let high, x > high { throw error(p, "a number ≤ \(high), got \(n)") }
        return n
    }

    /// Reads the keys of one mapping, and refuses what is left unread (unknown keys).
    struct Keys {
        let path: String
        let schema: PolicySchema
        var pairs: [(String, PolicyValue)]

        init(_ value: PolicyValue, _ path: String, _ schema: PolicySchema) throws {
            guard case .map(let pairs) = value else {
                throw schema.error(path.isEmpty ? "(top level)" : path, "a mapping of keys")
            }
            self.pairs = pairs
            self.path = path
            self.schema = schema
        }

        var keys: [String] { pairs.map(\.0) }
        func sub(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

        mutating func take(_ key: String) throws -> PolicyValue {
            guard let i = pairs.firstIndex(where: { $0.0 == key }) else {
                throw PolicyError(file: schema.source, key: sub(key), message: "missing key")
            }
            return pairs.remove(at: i).1
        }

        mutating func takeOptional(_ key: String) -> PolicyValue? {
            guard let i = pairs.firstIndex(where: { $0.0 == key }) else { return nil }
            return pairs.remove(at: i).1
        }

        func finish() throws {
            if let unknown = pairs.first {
                throw PolicyError(file: schema.source, key: sub(unknown.0), message: "unknown key")
            }
        }

        mutating func text(_ key: String) throws -> String { try schema.text(take(key), sub(key)) }

        func has(_ key: String) -> Bool { pairs.contains { $0.0 == key } }

        mutating func optionalBool(_ key: String) throws -> Bool? {
            guard has(key) else { return nil }
            return try bool(key)
        }

        mutating func bool(_ key: String) throws -> Bool {
            guard case .bool(let b) = try take(key) else { throw schema.error(sub(key), "true or false") }
            return b
        }

        mutating func number(_ key: String, atLeast: Double? = nil, above: Double? = nil, atMost: Double? = nil,
                             below: Double? = nil) throws -> String {
            try schema.number(take(key), sub(key), atLeast: atLeast, above: above, atMost: atMost, below: below)
        }

        mutating func optionalNumber(_ key: String, atLeast: Double? = nil, above: Double? = nil, atMost: Double? = nil) throws -> String? {
            guard let v = takeOptional(key), v != .null else { return nil }
            return try schema.number(v, sub(key), atLeast: atLeast, above: above, atMost: atMost)
        }

        mutating func integer(_ key: String, atLeast: Int) throws -> Int {
            guard case .number(let n) = try take(key), let i = Int(n), i >= atLeast else {
                throw schema.error(sub(key), "a whole number ≥ \(atLeast)")
            }
            return i
        }

        /// `"1/3"`: a share written as a fraction (exact, unlike 0.333…), or a decimal in 0…1.
        mutating func fraction(_ key: String) throws -> String {
            let v = try take(key)
            if case .string(let s) = v {
                let parts = s.split(separator: "/")
                if parts.count == 2, let n = Int(parts[0]), let d = Int(parts[1]), d > 0, n >= 0, n <= d { return s }
            }
            if case .number(let n) = v, let x = Double(n), (0...1).contains(x) { return n }
            throw schema.error(sub(key), "a share such as \"1/3\" or 0.25")
        }

        mutating func date(_ key: String) throws -> String {
            guard case .string(let s) = try take(key), CalendarDay(s) != nil else {
                throw schema.error(sub(key), "a date YYYY-MM-DD")
            }
            return s
        }

        mutating func optionalDate(_ key: String) throws -> String? {
            let v = try take(key)
            if v == .null { return nil }
            guard case .string(let s) = v, CalendarDay(s) != nil else { throw schema.error(sub(key), "a date YYYY-MM-DD or null") }
            return s
        }

        mutating func list<T>(_ key: String, _ element: (PolicyValue, String) throws -> T) throws -> [T] {
            guard case .list(let items) = try take(key) else { throw schema.error(sub(key), "a list") }
            return try items.enumerated().map { try element($1, "\(sub(key))[\($0)]") }
        }
    }
}
