import Foundation
import MujunCore
import MujunResources
import Yams

/// A policy profile (`jobs/policies/*.yaml`): every number of spec evaluation.md and land.md
/// as a key, so that each county sets its own (spec evaluation.md §8).
///
/// Numbers are kept as exact decimal text: they travel to PostgreSQL as `numeric` through the
/// stored canonical JSON (`runs.policy_profiles`), never through a float.
public struct PolicyProfile: Sendable {
    public struct Indicator: Sendable, Equatable {
        public let weight: String
        /// A fixed benchmark; nil: `benchmark_factor` × the cohort mean.
        public let benchmark: String?
        /// `ratio` or `minmax` (spec indicators.md §3).
        public var method: String = "ratio"

        public init(weight: String, benchmark: String?, method: String = "ratio") {
            self.weight = weight
            self.benchmark = benchmark
            self.method = method
        }
    }

    public let name: String
    /// The parsed tree; `canonicalJSON` of it is what is hashed and stored.
    public let tree: PolicyValue
    /// SHA-256 (hex) of the canonical JSON (details.md #57).
    public let sha256: String
    /// Where it was read from, for messages.
    public let source: String

    // Grading (evaluation.md)
    public let sections: [String]
    public let industrialLandUses: [String]
    public let indicators: [String: [String: Indicator]]
    public let classCuts: (a: String, b: String, c: String)
    /// The parts of a cohort's name, in the name's order (indicators.md §6).
    public let cohortBy: [String]

    /// Whether a weighted indicator reads the statistics row (spec indicators.md §2), so that
    /// `evaluate` requires an applied statistics batch of the year (details.md #117).
    public var weightsStatistics: Bool {
        indicators.values.contains { $0.keys.contains { !["tax_per_mu", "sales_per_mu", "tax_per_kwh"].contains($0) } }
    }

    /// The value at a key path, e.g. `["evaluation", "notice_days"]`; nil when absent.
    public func value(at path: [String]) -> PolicyValue? {
        var node = tree
        for key in path {
            guard case .map(let pairs) = node, let next = pairs.first(where: { $0.0 == key })?.1 else { return nil }
            node = next
        }
        return node
    }

    // The procedure of grades (procedure.md §1–§2). An absent key takes policy-default-ed2.yaml's
    // value (details.md #126), so an edition-1 profile requires a notice too.

    /// `evaluation.require_notice` (default true): publish only after a public notice (公示).
    public var requireNotice: Bool {
        if case .bool(let b)? = value(at: ["evaluation", "require_notice"]) { return b }
        return true
    }

    /// `evaluation.notice_days` (default 7): calendar days of the notice period.
    public var noticeDays: Int {
        if case .number(let n)? = value(at: ["evaluation", "notice_days"]), let days = Int(n) { return days }
        return 7
    }

    /// `evaluation.effective_lead_days` (default 0).
    public var effectiveLeadDays: Int {
        if case .number(let n)? = value(at: ["evaluation", "effective_lead_days"]), let days = Int(n) { return days }
        return 0
    }

    /// `evaluation.objection_contact` (default empty): where and how to object (details.md #124).
    public var objectionContact: String {
        if case .string(let s)? = value(at: ["evaluation", "objection_contact"]) { return s }
        return ""
    }

    public var canonicalJSON: String { tree.canonicalJSON }

    /// Reads and validates a profile: `name` is a file path, or the name of a profile in
    /// `./jobs/policies/`, `$MUJUN_JOBS_DIR/policies/`, or the ones built into mujun.
    public static func load(_ nameOrPath: String,
                            environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PolicyProfile {
        let url = try locate(nameOrPath, environment: environment)
        guard let data = FileManager.default.contents(atPath: url.path),
              let text = String(data: data, encoding: .utf8) else {
            throw PolicyError(file: url.path, key: "", message: "cannot be read as UTF-8 text")
        }
        return try PolicyProfile(yaml: text, source: url.path)
    }

    static func locate(_ nameOrPath: String, environment: [String: String]) throws -> URL {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml") {
            let url = URL(fileURLWithPath: nameOrPath)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw PolicyError(file: nameOrPath, key: "", message: "no such policy profile file")
            }
            return url
        }
        guard nameOrPath.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw PolicyError(file: nameOrPath, key: "", message: "a profile name is letters, digits, - and _")
        }
        var folders: [URL] = []
        if let dir = environment["MUJUN_JOBS_DIR"] { folders.append(URL(fileURLWithPath: dir).appendingPathComponent("policies")) }
        folders.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("jobs/policies"))
        folders.append(MujunResources.jobsDirectory.appendingPathComponent("policies"))
        for folder in folders {
            let url = folder.appendingPathComponent(nameOrPath + ".yaml")
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        throw PolicyError(file: nameOrPath, key: "", message: "no profile of that name in "
                          + folders.map(\.path).joined(separator: ", "))
    }

    public init(yaml: String, source: String) throws {
        self.source = source
        tree = try PolicyProfile.tree(yaml: yaml, source: source)
        sha256 = sha256Hex(Data(tree.canonicalJSON.utf8))

        let schema = PolicySchema(source: source)
        let checked = try schema.check(tree)
        name = checked.name
        sections = checked.sections
        industrialLandUses = checked.industrialLandUses
        indicators = checked.indicators
        classCuts = checked.classCuts
        cohortBy = checked.cohortBy
    }

    /// Parses YAML text into the plain tree (shared with job files, which are YAML too).
    public static func tree(yaml: String, source: String) throws -> PolicyValue {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch {
            throw PolicyError(file: source, key: "", message: "not valid YAML: \(error)")
        }
        guard let node else { throw PolicyError(file: source, key: "", message: "the file is empty") }
        return try value(of: node, path: "", source: source)
    }

    /// Converts a YAML node into the plain tree, resolving scalars as YAML 1.1 core types do,
    /// except that a date stays its text.
    static func value(of node: Node, path: String, source: String) throws -> PolicyValue {
        switch node {
        case .scalar(let scalar):
            if scalar.style != .plain { return .string(scalar.string) }
            switch node.tag.rawValue {
            case Tag.Name.null.rawValue: return .null
            case Tag.Name.bool.rawValue: return .bool(node.bool ?? false)
            case Tag.Name.int.rawValue, Tag.Name.float.rawValue:
                guard let decimal = PolicyValue.canonicalDecimal(scalar.string) else {
                    throw PolicyError(file: source, key: path, message: "\"\(scalar.string)\" is not a plain decimal number")
                }
                return .number(decimal)
            default: return .string(scalar.string)
            }
        case .sequence(let sequence):
            return .list(try sequence.enumerated().map { try value(of: $1, path: "\(path)[\($0)]", source: source) })
        case .mapping(let mapping):
            var pairs: [(String, PolicyValue)] = []
            var seen = Set<String>()
            for (key, value) in mapping {
                guard let k = key.scalar?.string else {
                    throw PolicyError(file: source, key: path, message: "keys must be plain text")
                }
                let childPath = path.isEmpty ? k : "\(path).\(k)"
                guard seen.insert(k).inserted else {
                    throw PolicyError(file: source, key: childPath, message: "the key appears twice")
                }
                pairs.append((k, try self.value(of: value, path: childPath, source: source)))
            }
            return .map(pairs)
        case .alias:
            throw PolicyError(file: source, key: path, message: "YAML aliases are not allowed in a profile")
        }
    }
}
