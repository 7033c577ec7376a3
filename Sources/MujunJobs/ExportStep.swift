import MujunPolicy

extension JobRunner {
    /// The export step: until the lists module lands, a job with an export step fails clearly.
    func exportStep(lists: [String], policy: PolicyProfile) throws -> ([String: Int], Int32, String?) {
        throw JobError(exitCode: 1, "the export step is not available in this build")
    }
}
