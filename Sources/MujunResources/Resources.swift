import Foundation

/// The SQL migrations and policy profiles shipped with the binary.
///
/// `sql/` and `jobs/` are copied into the resource bundle at build time, so an installed
/// `mujun` finds its migrations without a checkout (spec details.md #78).
public enum MujunResources {
    /// Folder holding `migrations/` and the grading, land and list SQL.
    public static var sqlDirectory: URL {
        Bundle.module.resourceURL!.appendingPathComponent("sql", isDirectory: true)
    }

    /// Folder holding the shipped job files and `policies/`.
    public static var jobsDirectory: URL {
        Bundle.module.resourceURL!.appendingPathComponent("jobs", isDirectory: true)
    }
}
