/// The development state a parcel was generated in, as of the last day of the last year
/// (the county's as-of date). Each is a case the land flags of spec land.md must find or must
/// leave alone; the manifest counts them.
public enum ParcelSituation: String, Sendable, CaseIterable, Codable {
    /// In production for over two years.
    case productive
    /// In production for under two years.
    case newProduction = "new_production"
    /// Started, agreed completion still ahead.
    case underConstruction = "under_construction"
    /// Supplied; the agreed start is still ahead.
    case notYetDue = "not_yet_due"
    /// Not started, past the agreed start by less than a year (违约, not yet idle).
    case overdueStart = "overdue_start"
    /// Not started a year or more after the agreed start; cause: the enterprise (IDLE-1).
    case idleNotStarted = "idle_not_started"
    /// The same, caused by the government or force majeure (`idle_cause` 政府/不可抗力).
    case idleGovernment = "idle_government"
    /// Started, stopped over a year ago with under a third built and under a quarter
    /// invested (IDLE-2 中止开发).
    case idleSuspended = "idle_suspended"
    /// Started, not in production, past the agreed completion (INEFF-2 未按约定建设).
    case stalled
}
