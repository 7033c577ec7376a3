/// What `mujun evaluate` reports: the run, its completeness, grade counts, and with
/// `--compare` the class-change matrix and the enterprises that move.
public struct EvaluationSummary: Sendable, Codable {
    public struct Move: Sendable, Codable, Equatable {
        public let uscc: String
        public let name: String
        public let from: String
        public let to: String

        public init(uscc: String, name: String, from: String, to: String) {
            self.uscc = uscc
            self.name = name
            self.from = from
            self.to = to
        }
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

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", year, policy, policySHA256 = "policy_sha256", complete
        case missingMonths = "missing_months", published, grades, comparedWith = "compared_with", matrix, moves
    }
}
