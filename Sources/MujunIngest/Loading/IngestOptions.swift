import MujunCore

/// How to load extract files (the options of `mujun ingest`).
public struct IngestOptions: Sendable {
    public var encoding: ExtractEncoding = .auto
    /// The as-of date; nil: the first valid date in the file name, else today (details.md #70).
    public var asOf: CalendarDay?
    /// Reload a file even if its SHA-256 matches an applied batch.
    public var force = false
    /// A batch whose rejected share is strictly above this is not applied (details.md #18).
    public var maxRejectRatio = 0.05
    /// The physical record number of the header: title rows above it are skipped (details.md #79).
    public var headerRow = 1
    /// Write `FILE.rejects.csv` beside the file (always in inbox mode).
    public var writeRejectsCSV = false
    /// Today, for the as-of fallback (details.md #71).
    public var today: CalendarDay

    public init(today: CalendarDay) {
        self.today = today
    }
}
