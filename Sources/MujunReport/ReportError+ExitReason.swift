import MujunCore

/// A report that cannot be made (no published run of the year…) is a plain failure.
extension ReportError: ExitReasonProviding {
    public var exitReason: ExitReason { .failed }
}
