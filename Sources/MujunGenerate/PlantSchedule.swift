/// Where the bad rows of one file go: `count` of them, spread evenly over the enterprises
/// (after enterprise ⌊(2k+1)·n / 2·count⌋), and how many are still owed when a row to spoil
/// was not available at the planned place (tax and power need a firm with rows that year).
struct PlantSchedule {
    private(set) var positions: [Int]
    private(set) var owed = 0

    /// A few bad rows per file: one per 2 000 enterprises, at least one, at most five; none
    /// in a county under 50 firms, where even one would be near the 5 % reject limit.
    static func count(enterprises: Int) -> Int {
        enterprises < 50 ? 0 : min(5, max(1, enterprises / 2_000))
    }

    init(enterprises: Int) {
        let count = PlantSchedule.count(enterprises: enterprises)
        positions = (0..<count).map { (2 * $0 + 1) * enterprises / (2 * count) }
    }

    /// Called once per enterprise index, in order: adds the bad rows due here to what is owed.
    mutating func reach(_ index: Int) {
        while let first = positions.first, first <= index {
            positions.removeFirst()
            owed += 1
        }
    }

    /// Whether a bad row is owed; `paid()` once it is written.
    var isOwed: Bool { owed > 0 }
    mutating func paid() { owed -= 1 }
}
