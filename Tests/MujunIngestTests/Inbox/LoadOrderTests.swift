import MujunCore
import MujunIngest
import Testing

/// The order a drop folder (and the demo) loads extracts in (details.md #72).
@Suite("Load order")
struct LoadOrderTests {
    @Test("as-of date first, then kind (registry, parcels, accounts, tax, power, unknown), then name in C collation")
    func order() {
        let today = CalendarDay(year: 2025, month: 3, day: 1)!
        let names = ["tax_20250101.csv", "power_20250101.csv", "Tax_b_20250101.csv", "registry_20250101.csv",
                     "parcels_20241231.csv", "misc_20250101.csv", "accounts_20250101.csv", "tax_a_20250101.csv",
                     "registry.csv"]
        let sorted = names.sorted { a, b in
            func order(_ name: String) -> LoadOrder {
                LoadOrder(name: name, kind: ExtractKind.fromFileName(name), asOf: BatchLoader.asOf(fromFileName: name) ?? today)
            }
            return order(a) < order(b)
        }
        #expect(sorted == ["parcels_20241231.csv", "registry_20250101.csv", "accounts_20250101.csv", "Tax_b_20250101.csv",
                           "tax_20250101.csv", "tax_a_20250101.csv", "power_20250101.csv", "misc_20250101.csv",
                           "registry.csv"])
    }
}
