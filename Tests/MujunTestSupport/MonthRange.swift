import Foundation

/// The months from `from` to `to`, both included, as "YYYY-MM" (e.g. 2024-11, 2024-12, 2025-01):
/// the periods a fixture writes rows for.
public func monthRange(from: String, to: String) -> [String] {
    var out: [String] = []
    var (y, m) = (Int(from.prefix(4))!, Int(from.suffix(2))!)
    let end = (Int(to.prefix(4))!, Int(to.suffix(2))!)
    while (y, m) <= end {
        out.append(String(format: "%04d-%02d", y, m))
        m += 1
        if m == 13 { m = 1; y += 1 }
    }
    return out
}
