import MujunCore

/// A job file with a mistake is a usage error naming the key (spec jobs.md "Job files").
extension JobFile.FileError: ExitReasonProviding {
    public var exitReason: ExitReason { .usage }
}
