import MujunCore

extension Connection {
    /// Keeps the applied extracts as they are until this transaction ends: a SHARE lock on every
    /// kind's history table, taken before the run's first query (so before its snapshot).
    ///
    /// Why a lock and not only the run's REPEATABLE READ snapshot: a batch is loaded with
    /// `COPY … FREEZE` into a table of its own and applied by `ATTACH PARTITION`. Frozen rows are
    /// visible to every snapshot, and the attach is a catalog change, which every statement sees
    /// at once; so a batch applied in the middle of a run would be read by the run's later SQL
    /// files (issue 16 item 1). The attach needs SHARE UPDATE EXCLUSIVE on the history table,
    /// which SHARE excludes: a load that reaches its attach during a run waits for the run to
    /// end, and a run that starts during an attach waits for it to commit. Runs do not exclude
    /// each other (SHARE is compatible with SHARE), and loads keep copying meanwhile.
    public func holdAppliedExtracts() throws {
        precondition(inTransaction, "holdAppliedExtracts needs an open transaction")
        try execute("LOCK TABLE \(ExtractKind.allCases.map(\.historyTable).joined(separator: ", ")) IN SHARE MODE")
    }
}
