/// Why `mujun` ends: the one table of its exit codes (sysexits(3); spec jobs.md "Exit codes",
/// details.md #77), shared by the commands and by the steps of `mujun run`, so that the same
/// failure ends with the same code whichever way it was started.
///
/// Every error type of the project says which reason it is (`ExitReasonProviding`, conformed to
/// next to the error); an error that does not is `failed`.
///
/// ```swift
/// ExitReason(ListError(.cannotWrite, path: "/srv/out", message: "…"))   // .cannotCreate (73)
/// ```
public enum ExitReason: Int32, Sendable, CaseIterable, Codable, Comparable, CustomStringConvertible {
    /// Done (0).
    case done = 0
    /// Failed for a reason none of the others names (1), e.g. `status` found a failed or
    /// overdue job, or an applied migration changed.
    case failed = 1
    /// The command line, a job file or a setting is wrong (64, EX_USAGE).
    case usage = 64
    /// Input data was refused (65, EX_DATAERR): a reject ratio over the limit, a year whose
    /// data is incomplete, a policy profile out of range.
    case dataError = 65
    /// An input file is missing or unreadable (66, EX_NOINPUT).
    case noInput = 66
    /// PostgreSQL cannot be reached (69, EX_UNAVAILABLE).
    case unavailable = 69
    /// An output cannot be written (73, EX_CANTCREAT).
    case cannotCreate = 73
    /// Try again later (75, EX_TEMPFAIL): another run holds the lock, or retries on a
    /// transient error ran out.
    case temporary = 75

    /// The reason `error` ends a command or a job step with.
    public init(_ error: any Error) {
        self = (error as? any ExitReasonProviding)?.exitReason ?? .failed
    }

    /// The process exit status.
    public var code: Int32 { rawValue }

    /// Of several outcomes, the one with the highest code is reported: ingest of several files
    /// exits with the worst code (details.md #77), and so does a job run.
    public static func < (a: ExitReason, b: ExitReason) -> Bool { a.rawValue < b.rawValue }

    public var description: String {
        switch self {
        case .done: return "done"
        case .failed: return "failed"
        case .usage: return "usage error"
        case .dataError: return "bad input data"
        case .noInput: return "missing input"
        case .unavailable: return "database unreachable"
        case .cannotCreate: return "cannot write output"
        case .temporary: return "temporary failure"
        }
    }
}
