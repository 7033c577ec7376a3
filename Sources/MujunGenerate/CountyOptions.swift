import MujunCore

/// What `mujun generate` is asked for: how many enterprises, which years, which seed.
///
/// The county's as-of date is the last day of the last year: the registry, parcels and
/// accounts are snapshots of that day; tax and power cover every month of every year.
public struct CountyOptions: Sendable, Equatable {
    public var enterprises: Int
    public var firstYear: Int
    public var lastYear: Int
    public var seed: UInt64

    /// Sizes and years the generator accepts (a province is 400 000 enterprises).
    public static let enterpriseRange = 1...1_000_000
    public static let yearRange = 2010...2090
    public static let maximumYears = 10

    public init(enterprises: Int, firstYear: Int, lastYear: Int, seed: UInt64) {
        self.enterprises = enterprises
        self.firstYear = firstYear
        self.lastYear = lastYear
        self.seed = seed
    }

    /// `2023-2024`, or one year `2024`.
    public static func parseYears(_ text: String) -> (Int, Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let first = Int(parts[0]), let last = Int(parts[parts.count - 1]),
              parts.allSatisfy({ $0.count == 4 }) else { return nil }
        return (first, last)
    }

    /// Why these options cannot make a county, or nil when they can.
    public var problem: String? {
        if !CountyOptions.enterpriseRange.contains(enterprises) {
            return "--enterprises must be between \(CountyOptions.enterpriseRange.lowerBound) and \(CountyOptions.enterpriseRange.upperBound)"
        }
        if !CountyOptions.yearRange.contains(firstYear) || !CountyOptions.yearRange.contains(lastYear) {
            return "--years must lie within \(CountyOptions.yearRange.lowerBound)-\(CountyOptions.yearRange.upperBound)"
        }
        if firstYear > lastYear { return "--years: the first year comes after the last" }
        if lastYear - firstYear + 1 > CountyOptions.maximumYears {
            return "--years: at most \(CountyOptions.maximumYears) years"
        }
        return nil
    }

    /// The as-of date of the snapshots: 31 December of the last year.
    public var asOf: CalendarDay { CalendarDay(year: lastYear, month: 12, day: 31)! }

    public var years: ClosedRange<Int> { firstYear...lastYear }
}
