import MujunCore

/// Spec jobs.md: 69 when PostgreSQL cannot be reached, 75 when a lock is held or a transient
/// error (connection lost, serialization failure, deadlock, server restarting) may pass;
/// details.md #75, #77: 64 for an unusable `--db`, 1 for a changed migration; 69 too for
/// `migrate --distribute` where there is no Citus to distribute on.
extension DatabaseError: ExitReasonProviding {
    public var exitReason: ExitReason {
        switch code {
        case .connectionFailed, .citusMissing: return .unavailable
        case .badConnectionString: return .usage
        case .lockHeld, .connectionLost: return .temporary
        case .migrationMismatch: return .failed
        case .serverError, .copyFailed, .unexpectedResult: return isTransient ? .temporary : .failed
        }
    }
}
