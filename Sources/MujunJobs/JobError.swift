/// Why a job run stopped, with the exit code it ends with (spec jobs.md: 65 data, 75 temporary).
public struct JobError: Error, Sendable, CustomStringConvertible {
    public let exitCode: Int32
    public let message: String

    public init(exitCode: Int32, _ message: String) {
        self.exitCode = exitCode
        self.message = message
    }

    public var description: String { message }
}
