import MujunCore

/// The order extracts load in (details.md #72): by as-of date, then kind (`ExtractKind`'s case
/// order: registry, parcels, accounts, tax, power, statistics; a file of no known kind last), then name in
/// C collation. A drop folder loads in this order, and so does the demo, so that the registry
/// a tax file refers to is always there first.
public struct LoadOrder: Comparable, Sendable {
    public let asOf: CalendarDay
    public let kind: ExtractKind?
    public let name: String

    public init(name: String, kind: ExtractKind?, asOf: CalendarDay) {
        self.name = name
        self.kind = kind
        self.asOf = asOf
    }

    public static func < (a: LoadOrder, b: LoadOrder) -> Bool {
        if a.asOf != b.asOf { return a.asOf < b.asOf }
        if a.kindRank != b.kindRank { return a.kindRank < b.kindRank }
        return Array(a.name.utf8).lexicographicallyPrecedes(Array(b.name.utf8))
    }

    private var kindRank: Int { kind.flatMap { ExtractKind.allCases.firstIndex(of: $0) } ?? Int.max }
}
