/// The grade counts of a run as one line in class order: A–D, then T (not yet graded:
/// construction or new production) and N (not graded), spec evaluation.md §2. For the summaries
/// of `mujun evaluate` and `mujun demo`.
enum GradeLine {
    static let classes = ["A", "B", "C", "D", "T", "N"]

    /// `A 12, B 40, C 7, D 2, T 3, N 1`: every class, 0 when it has none.
    static func text(_ counts: [String: Int]) -> String {
        classes.map { "\($0) \(counts[$0] ?? 0)" }.joined(separator: ", ")
    }
}
