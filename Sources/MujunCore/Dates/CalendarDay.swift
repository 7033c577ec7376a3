import Foundation

/// A date without a time, as the spec's dates are (`YYYY-MM-DD`).
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CalendarDay.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` exactly.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// Days of `month` (1–12) in `year`, Gregorian: 1900 is not a leap year, 2000 is. Inlinable:
    /// the loader checks every date field with it.
    @inlinable
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = CalendarDay(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not YYYY-MM-DD: \(text)"))
        }
        self = day
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    /// The day `days` days later (earlier when negative).
    public func adding(days: Int) -> CalendarDay {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let date = utc.date(from: DateComponents(year: year, month: month, day: day))!
        let c = utc.dateComponents([.year, .month, .day], from: utc.date(byAdding: .day, value: days, to: date)!)
        return CalendarDay(year: c.year!, month: c.month!, day: c.day!)!
    }

    /// Today in the deployment's time zone (`MUJUN_TIMEZONE`, default Asia/Shanghai), or
    /// `MUJUN_TODAY` when set, for tests, demos and backfills (details.md #71).
    public static func today(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> CalendarDay {
        if let fixed = environment["MUJUN_TODAY"], !fixed.isEmpty {
            guard let day = CalendarDay(fixed) else {
                throw SettingError(setting: "MUJUN_TODAY", message: "must be YYYY-MM-DD, got \"\(fixed)\"")
            }
            return day
        }
        let zoneName = environment["MUJUN_TIMEZONE"] ?? "Asia/Shanghai"
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zoneName) ?? TimeZone(identifier: "Asia/Shanghai")!
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return CalendarDay(year: c.year!, month: c.month!, day: c.day!)!
    }
}
