import Foundation

extension Date {
    /// The time as an ISO 8601 `timestamptz` parameter with milliseconds.
    ///
    /// Timestamps are passed in as parameters rather than taken from `now()` in SQL (spec
    /// scale.md: no volatile functions in multi-row writes, for Citus); milliseconds keep the
    /// order of entries made within one second.
    public var sqlTimestamp: String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: self)
    }
}
