/// An error that knows which `ExitReason` it ends a command or a job step with.
///
/// Each module's error type conforms in its own module, next to the error (e.g.
/// `DatabaseError+ExitReason.swift`), so the mapping is read beside the cases it maps while the
/// table of codes stays one (`ExitReason`).
public protocol ExitReasonProviding: Error {
    var exitReason: ExitReason { get }
}
