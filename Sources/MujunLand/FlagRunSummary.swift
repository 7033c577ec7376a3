/// What `mujun flag` reports about the run it made: rows per flag code, parcels in scope, and
/// the parcels resolved (销号) against the run before.
public struct FlagRunSummary: Sendable, Codable, Equatable {
    public var runID: Int64
    public var asOf: String
    public var policy: String
    public var policySHA256: String
    /// Every applied batch up to this id was seen by the run.
    public var lastBatchID: Int64
    public var parcelsInScope: Int
    /// Rows per flag code, every code present (0 when none).
    public var counts: [String: Int]
    /// Parcels resolved (销号) by this run, and flagged parcels it could not decide (kept open).
    public var resolved: Int
    public var carried: Int
    /// The run this one was compared with for resolutions, if any.
    public var previousRunID: Int64?
    public var seconds: Double

    enum CodingKeys: String, CodingKey {
        case runID = "run_id", asOf = "as_of", policy, policySHA256 = "policy_sha256", lastBatchID = "last_batch_id"
        case parcelsInScope = "parcels_in_scope", counts = "flags", resolved, carried
        case previousRunID = "previous_run_id", seconds
    }
}
