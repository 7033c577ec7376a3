/// What `mujun evaluate` reports: the run, its completeness, grade counts, and with
/// `--compare` the class-change matrix and the enterprises that move.
public struct EvaluationSummary: Sendable, Codable {
    public struct Move: Sendable, Codable, Equatable {
        public let uscc: String
        public let name: String
        public let from: String
        public let to: String
        /// The indicator whose share of the weight changed most in the move's direction
        /// (`--compare`; nil when a row is not graded in one of the runs).
        public var drivenBy: String?

        public init(uscc: String, name: String, from: String, to: String, drivenBy: String? = nil) {
            self.uscc = uscc
            self.name = name
            self.from = from
            self.to = to
            self.drivenBy = drivenBy
        }

        enum CodingKeys: String, CodingKey { case uscc, name, from, to, drivenBy = "driven_by" }
    }

    public var runID: Int64
    public var year: Int
    public var policy: String
    public var policySHA256: String
    public var complete: Bool
    public var missingMonths: [String]
    public var published: Bool
    /// Final grade → number of enterprises.
    public var grades: [String: Int]
    public var comparedWith: Int64?
    /// "from→to" → enterprises, for `--compare`.
    public var matrix: [String: Int]?
    public var moves: [Move]?
    /// Indicator → the number of moves it drove (`--compare`).
    public var drivers: [String: Int]?
    /// What the run records about itself: a previous_year benchmark that fell back to same_year,
    /// adjustments not applied.
    public var notes: [String] = []

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", year, policy, policySHA256 = "policy_sha256", complete
        case missingMonths = "missing_months", published, grades, comparedWith = "compared_with", matrix, moves
        case drivers, notes
    }
}
