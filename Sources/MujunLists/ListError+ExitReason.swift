import MujunCore

/// An output that cannot be written is EX_CANTCREAT (details.md #77), from `mujun export` and
/// from the export step of `mujun run` alike; text the encoding cannot hold is bad data.
extension ListError: ExitReasonProviding {
    public var exitReason: ExitReason {
        switch code {
        case .cannotWrite: return .cannotCreate
        case .cannotEncode: return .dataError
        }
    }
}
