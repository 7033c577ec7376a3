import MujunCore

/// A year whose data does not cover it is bad input data (details.md: exit 65 naming the
/// missing months); the other refusals are plain failures.
extension GradingError: ExitReasonProviding {
    public var exitReason: ExitReason {
        switch code {
        case .incompleteYear, .benchmarkUnavailable, .entryState, .refused: return .dataError
        case .mismatch: return .usage
        case .nothingToCompare, .unknownRun, .badEntry: return .failed
        }
    }
}
