import MujunCore

/// A policy profile with an unknown key or a value out of range is refused as bad input data
/// (spec evaluation.md §8).
extension PolicyError: ExitReasonProviding {
    public var exitReason: ExitReason { .dataError }
}
