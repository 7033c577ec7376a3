import MujunCore

/// Day arithmetic on `CalendarDay` for the generator: day numbers, adding days, months and
/// years the way PostgreSQL's `date + interval` does (29 Feb + 1 year = 28 Feb), and the two
/// date spellings the extracts use.
extension CalendarDay {
    /// Days since 1970-01-01 (negative before), Howard Hinnant's `days_from_civil`.
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = month
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day with the given day number (`civil_from_days`).
    init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yearOfEra + era * 400 + (m <= 2 ? 1 : 0)
        self.init(year: y, month: m, day: d)!
    }

    func adding(days: Int) -> CalendarDay {
        CalendarDay(dayNumber: dayNumber + days)
    }

    /// Calendar months later (or earlier), the day clamped to the month's length, like
    /// PostgreSQL's `+ interval 'n months'`.
    func adding(months: Int) -> CalendarDay {
        let total = year * 12 + (month - 1) + months
        let y = total / 12
        let m = total % 12 + 1
        return CalendarDay(year: y, month: m, day: min(day, CalendarDay.daysIn(month: m, year: y)))!
    }

    func adding(years: Int) -> CalendarDay { adding(months: 12 * years) }

    /// Whole days from `self` to `other`.
    func days(to other: CalendarDay) -> Int { other.dayNumber - dayNumber }

    /// The last day of the month.
    var endOfMonth: CalendarDay {
        CalendarDay(year: year, month: month, day: CalendarDay.daysIn(month: month, year: year))!
    }

    /// `2019/3/5`, the form Excel writes (accepted by details.md #8).
    var slashed: String { "\(year)/\(month)/\(day)" }

    /// Month index `year × 12 + month − 1`, for comparing months.
    var monthIndex: Int { year * 12 + month - 1 }

    /// A uniformly drawn day in `low...high`.
    static func random(_ low: CalendarDay, _ high: CalendarDay, _ random: inout SeededRandom) -> CalendarDay {
        let a = low.dayNumber, b = max(low.dayNumber, high.dayNumber)
        return CalendarDay(dayNumber: random.int(in: a...b))
    }
}
