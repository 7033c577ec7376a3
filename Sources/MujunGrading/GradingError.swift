/// Why an evaluation was refused.
public struct GradingError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// Inputs do not cover the year (exit 65): `--allow-incomplete` overrides.
        case incompleteYear = "incomplete_year"
        /// `--compare` found no run of the year to compare with.
        case nothingToCompare = "nothing_to_compare"
        /// A run id that does not exist.
        case unknownRun = "unknown_run"
        /// An operator entry that cannot be applied (bad grade, unknown enterprise…).
        case badEntry = "bad_entry"
        /// A `previous_year` benchmark with no published row of Y−1 to read (exit 65,
        /// spec indicators.md §3, details.md #100).
        case benchmarkUnavailable = "benchmark_unavailable"
        /// An entry that cannot change as asked: unknown id, already revoked (exit 65).
        case entryState = "entry_state"
        /// A step of the procedure refused (procedure.md §1; exit 65): a notice, an objection or
        /// a publication that the period, the run's state or open business does not allow. The
        /// message lists every reason.
        case refused = "refused"
        /// Arguments that contradict the records (exit 64), e.g. `review set --objection` with
        /// another enterprise's credit code (details.md #129).
        case mismatch = "mismatch"
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
