import Foundation

/// A job's schedule: the cron subset that renders to crontab, systemd `OnCalendar` and a
/// Kubernetes CronJob alike (spec details.md #80): five fields (minute, hour, day of month,
/// month, day of week), each `*`, a number, or a comma-separated list of numbers.
public struct CronSchedule: Sendable, Equatable, CustomStringConvertible {
    /// nil means `*`.
    public let minutes: [Int]?
    public let hours: [Int]?
    public let days: [Int]?
    public let months: [Int]?
    /// 0 = Sunday … 6 = Saturday (7 is read as Sunday too).
    public let weekdays: [Int]?
    public let text: String

    public struct ParseError: Error, CustomStringConvertible {
        public let description: String
    }

    public init(_ text: String) throws {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard fields.count == 5 else {
            throw ParseError(description: "a schedule has 5 fields (minute hour day-of-month month day-of-week), got \"\(text)\"")
        }
        func field(_ f: String, _ name: String, _ range: ClosedRange<Int>) throws -> [Int]? {
            if f == "*" { return nil }
            var values: [Int] = []
            for part in f.split(separator: ",", omittingEmptySubsequences: false) {
                guard let n = Int(part), range.contains(n) else {
                    throw ParseError(description: "\(name) must be *, a number \(range.lowerBound)–\(range.upperBound) or a list of them, got \"\(f)\"")
                }
                values.append(n)
            }
            return Array(Set(values)).sorted()
        }
        minutes = try field(fields[0], "minute", 0...59)
        hours = try field(fields[1], "hour", 0...23)
        days = try field(fields[2], "day of month", 1...31)
        months = try field(fields[3], "month", 1...12)
        weekdays = try field(fields[4], "day of week", 0...7).map { Array(Set($0.map { $0 % 7 })).sorted() }
        self.text = fields.joined(separator: " ")
    }

    public var description: String { text }

    /// Whether the schedule fires at this minute. Like cron, when both day of month and day of
    /// week are restricted, either one matching is enough.
    public func matches(minute: Int, hour: Int, day: Int, month: Int, weekday: Int) -> Bool {
        func ok(_ list: [Int]?, _ v: Int) -> Bool { list.map { $0.contains(v) } ?? true }
        guard ok(minutes, minute), ok(hours, hour), ok(months, month) else { return false }
        switch (days, weekdays) {
        case (nil, nil): return true
        case (let d?, nil): return d.contains(day)
        case (nil, let w?): return w.contains(weekday)
        case (let d?, let w?): return d.contains(day) || w.contains(weekday)
        }
    }

    /// The latest time at or before `date` when the schedule fired, in `timeZone`; nil if none
    /// in the last 400 days (e.g. 31 February).
    public func previousFire(atOrBefore date: Date, timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var t = calendar.date(bySetting: .second, value: 0, of: date) ?? date
        if t > date { t = t.addingTimeInterval(-60) }
        let limit = date.addingTimeInterval(-400 * 86_400)
        while t >= limit {
            let c = calendar.dateComponents([.minute, .hour, .day, .month, .weekday], from: t)
            if matches(minute: c.minute!, hour: c.hour!, day: c.day!, month: c.month!, weekday: c.weekday! - 1) {
                return t
            }
            // Skip whole hours or days that cannot match, to keep the walk short.
            if let h = hours, !h.contains(c.hour!) {
                t = calendar.date(bySettingHour: c.hour!, minute: 0, second: 0, of: t)!.addingTimeInterval(-60)
                continue
            }
            t = t.addingTimeInterval(-60)
        }
        return nil
    }

    /// systemd `OnCalendar` expressions (two when day of month and day of week are both
    /// restricted, since systemd requires both where cron accepts either).
    public var onCalendar: [String] {
        func two(_ list: [Int]?) -> String { list.map { $0.map { String(format: "%02d", $0) }.joined(separator: ",") } ?? "*" }
        let names = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let time = "\(two(hours)):\(two(minutes)):00"
        func line(days d: [Int]?, weekdays w: [Int]?) -> String {
            let prefix = w.map { $0.map { names[$0] }.joined(separator: ",") + " " } ?? ""
            return "\(prefix)*-\(two(months))-\(two(d)) \(time)"
        }
        if let d = days, let w = weekdays {
            return [line(days: d, weekdays: nil), line(days: nil, weekdays: w)]
        }
        return [line(days: days, weekdays: weekdays)]
    }
}
