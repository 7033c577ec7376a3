import MujunCore

/// Why the demo stopped: no database to use, a generated file refused, or a job that failed,
/// with the exit reason of the cause.
public struct DemoError: Error, Sendable, CustomStringConvertible, ExitReasonProviding {
    public let exitReason: ExitReason
    public let message: String

    public init(_ exitReason: ExitReason, _ message: String) {
        self.exitReason = exitReason
        self.message = message
    }

    public var description: String { message }
}
