/// A parsed policy profile as a plain tree, before typing: what the canonical hash is
/// computed from (spec details.md #57).
public indirect enum PolicyValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number as its canonical decimal text (see `PolicyValue.canonicalDecimal`).
    case number(String)
    case string(String)
    case list([PolicyValue])
    /// Keys in file order (for messages); the canonical form sorts them.
    case map([(String, PolicyValue)])

    public static func == (a: PolicyValue, b: PolicyValue) -> Bool {
        a.canonicalJSON == b.canonicalJSON
    }

    /// JSON with sorted keys, numbers as decimal text, no insignificant whitespace: the form
    /// hashed to identify a profile (details.md #57).
    public var canonicalJSON: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n
        case .string(let s): return PolicyValue.jsonString(s)
        case .list(let items): return "[" + items.map(\.canonicalJSON).joined(separator: ",") + "]"
        case .map(let pairs):
            let sorted = pairs.sorted { Array($0.0.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.0.unicodeScalars.map(\.value)) }
            return "{" + sorted.map { PolicyValue.jsonString($0.0) + ":" + $0.1.canonicalJSON }.joined(separator: ",") + "}"
        }
    }

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20: out += String(format: "\\u%04x", c.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// The decimal text of a YAML number: no sign for zero, no leading `+` or zeros, no
    /// trailing fractional zeros (`0.20` → `0.2`, `10000` → `10000`, `1.0` → `1`), so that
    /// two ways of writing one value hash the same. Nil for what is not a plain decimal.
    public static func canonicalDecimal(_ text: String) -> String? {
        var t = Substring(text.replacingOccurrences(of: "_", with: ""))
        var negative = false
        if t.hasPrefix("-") { negative = true; t = t.dropFirst() } else if t.hasPrefix("+") { t = t.dropFirst() }
        let parts = t.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty || parts.count == 2,
              whole.allSatisfy(\.isASCIIDigitish) else { return nil }
        var fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.allSatisfy(\.isASCIIDigitish), !(whole.isEmpty && fraction.isEmpty) else { return nil }
        while fraction.last == "0" { fraction = fraction.dropLast() }
        var integer = whole.drop { $0 == "0" }
        if integer.isEmpty { integer = "0" }
        let body = fraction.isEmpty ? String(integer) : "\(integer).\(fraction)"
        return negative && body != "0" ? "-" + body : body
    }
}

extension Character {
    var isASCIIDigitish: Bool { ("0"..."9").contains(self) }
}
