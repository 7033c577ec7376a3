/// How much of other sessions' commits a transaction sees while it runs.
public enum TransactionIsolation: Sendable {
    /// PostgreSQL's default: each statement sees what was committed when it began. Enough for a
    /// batch load or an operator entry, whose statements do not depend on each other's reads.
    case readCommitted
    /// One snapshot for the whole transaction, taken at its first statement: what a run uses
    /// (flag, evaluate, publish, export), so that a batch committed between two of its SQL files
    /// is seen by none of them, and the batches a run records are exactly those it read (issue
    /// 16 item 1). A write that meets a row changed since the snapshot fails with 40001, which
    /// `DatabaseError.isTransient` counts as transient: the job runner retries it.
    case repeatableRead

    var begin: String {
        switch self {
        case .readCommitted: return "BEGIN"
        case .repeatableRead: return "BEGIN ISOLATION LEVEL REPEATABLE READ"
        }
    }
}
