import MujunCore

/// A file that is not there, or is no regular file, is EX_NOINPUT (details.md #77); any other
/// refused file is bad input data (spec jobs.md).
extension ExtractError: ExitReasonProviding {
    public var exitReason: ExitReason { code == .cannotRead || code == .notARegularFile ? .noInput : .dataError }
}
