import MujunCore

/// Dates and months as extracts write them (spec extracts.md "dates", details #8, #56, #68,
/// #70).
///
/// Dates: `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYYMMDD`, `YYYY年MM月DD日`. In the three separated forms
/// month and day may have one digit (`2024-3-5`, `2024年3月5日`); `YYYYMMDD` is exactly eight
/// digits, since without separators a short month or day would be ambiguous. Any form may be
/// followed by one space and an Excel time part `H:MM`, `HH:MM` or `H[H]:MM:SS` with a valid
/// time (hour 0–23, minute and second 0–59), which is dropped (details #56). An ISO `T`
/// separator is not accepted (details #56).
///
/// Months (`period`): `YYYY-MM`, `YYYY/MM`, `YYYYMM`, `YYYY年MM月`, one-digit month allowed in
/// the separated forms; no time part (a time means a date was given, not a month).
///
/// Only real calendar dates within 1900-01-01…2099-12-31 pass: PostgreSQL would abort the whole
/// COPY on 2024-02-30, and the range is the server-limit rule of details #68. Everything else
/// is `badDate`.
public enum DateParsing {
    // MARK: Public helpers (not the hot path)

    /// Parses a date in any accepted form (surrounding ASCII space, tab and U+3000 trimmed),
    /// for callers outside the ingest hot path, e.g. `--as-of` or `MUJUN_TODAY`.
    ///
    /// ```swift
    /// DateParsing.parseDate("2024年3月5日 9:30")   // (2024, 3, 5)
    /// ```
    public static func parseDate(_ text: String) -> (year: Int, month: Int, day: Int)? {
        withTrimmedUTF8(text) { bytes in
            guard let date = scanDate(bytes) else { return nil }
            return (date.year, date.month, date.day)
        }
    }

    /// Parses a month (`period`) in any accepted form, trimmed like `parseDate`.
    ///
    /// ```swift
    /// DateParsing.parseMonth("2024年3月")   // (2024, 3)
    /// ```
    public static func parseMonth(_ text: String) -> (year: Int, month: Int)? {
        withTrimmedUTF8(text) { bytes in
            guard let month = scanMonth(bytes) else { return nil }
            return (month.year, month.month)
        }
    }

    /// The as-of date carried by a file name (details #20, #70): the first match of
    /// `(?<![0-9])(\d{4})-?(\d{2})-?(\d{2})(?![0-9])` that is a valid date in 1900–2099.
    ///
    /// Matches are taken left to right and do not overlap, as a regex engine's "all matches"
    /// iteration (Python `finditer`, Swift `matches(of:)`) yields them: a match that is not a
    /// valid date is skipped and the search resumes at its end. Digits are ASCII only.
    ///
    /// ```swift
    /// DateParsing.firstDateInFileName("tax_20241399_2024-03-31.csv")   // (2024, 3, 31)
    /// ```
    public static func firstDateInFileName(_ name: String) -> (year: Int, month: Int, day: Int)? {
        var name = name
        return name.withUTF8 { bytes -> (year: Int, month: Int, day: Int)? in
            let count = bytes.count
            var start = 0
            while start &+ 8 <= count {
                // (?<![0-9])
                if start > 0 && isDigit(bytes[start &- 1]) {
                    start &+= 1
                    continue
                }
                guard let match = matchFileNameDate(bytes, at: start) else {
                    start &+= 1
                    continue
                }
                if isValid(year: match.year, month: match.month, day: match.day) {
                    return (match.year, match.month, match.day)
                }
                start = match.end
            }
            return nil
        }
    }

    /// Whether `year-month-day` is a real calendar date within 1900-01-01…2099-12-31.
    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        guard (1900...2099).contains(year), (1...12).contains(month), day >= 1 else { return false }
        return day <= CalendarDay.daysIn(month: month, year: year)
    }

    // MARK: Hot path

    /// Validates a date field and appends it as `YYYY-MM-DD`.
    @inline(__always)
    static func appendDate(
        _ field: UnsafeBufferPointer<UInt8>, to out: ByteBuffer
    ) throws(RejectReason) {
        guard let date = scanDate(field) else { throw .badDate }
        out.appendISODate(year: date.year, month: date.month, day: date.day)
    }

    /// Validates a month field and appends it as `YYYY-MM-01`, the date PostgreSQL stores for
    /// a period (a `date` column keeps periods comparable with the other dates).
    @inline(__always)
    static func appendMonth(
        _ field: UnsafeBufferPointer<UInt8>, to out: ByteBuffer
    ) throws(RejectReason) {
        guard let month = scanMonth(field) else { throw .badDate }
        out.appendISODate(year: month.year, month: month.month, day: 1)
    }

    /// A date in any accepted form, optionally followed by a valid Excel time part.
    static func scanDate(
        _ bytes: UnsafeBufferPointer<UInt8>
    ) -> (year: Int, month: Int, day: Int)? {
        let count = bytes.count
        guard count >= 8, let year = fixedDigits(bytes, at: 0, width: 4) else { return nil }
        var index = 4
        let month: Int
        let day: Int
        let marker = bytes[4]
        if isDigit(marker) {
            // YYYYMMDD: exactly two digits each.
            guard let mm = fixedDigits(bytes, at: 4, width: 2),
                  let dd = fixedDigits(bytes, at: 6, width: 2) else { return nil }
            month = mm
            day = dd
            index = 8
        } else if marker == 0x2D || marker == 0x2F {  // "-" or "/", the same one twice
            index = 5
            guard let mm = oneOrTwoDigits(bytes, &index),
                  index < count, bytes[index] == marker else { return nil }
            index &+= 1
            guard let dd = oneOrTwoDigits(bytes, &index) else { return nil }
            month = mm
            day = dd
        } else if hasCJK(bytes, at: 4, cjkYear) {
            index = 7
            guard let mm = oneOrTwoDigits(bytes, &index),
                  hasCJK(bytes, at: index, cjkMonth) else { return nil }
            index &+= 3
            guard let dd = oneOrTwoDigits(bytes, &index),
                  hasCJK(bytes, at: index, cjkDay) else { return nil }
            index &+= 3
            month = mm
            day = dd
        } else {
            return nil
        }
        guard index == count || isExcelTime(bytes, from: index) else { return nil }
        guard isValid(year: year, month: month, day: day) else { return nil }
        return (year, month, day)
    }

    /// A month in any accepted form; no time part.
    static func scanMonth(_ bytes: UnsafeBufferPointer<UInt8>) -> (year: Int, month: Int)? {
        let count = bytes.count
        guard count >= 6, let year = fixedDigits(bytes, at: 0, width: 4) else { return nil }
        var index = 4
        let month: Int
        let marker = bytes[4]
        if isDigit(marker) {
            // YYYYMM: exactly six digits.
            guard count == 6, let mm = fixedDigits(bytes, at: 4, width: 2) else { return nil }
            month = mm
            index = 6
        } else if marker == 0x2D || marker == 0x2F {
            index = 5
            guard let mm = oneOrTwoDigits(bytes, &index) else { return nil }
            month = mm
        } else if hasCJK(bytes, at: 4, cjkYear) {
            index = 7
            guard let mm = oneOrTwoDigits(bytes, &index),
                  hasCJK(bytes, at: index, cjkMonth) else { return nil }
            index &+= 3
            month = mm
        } else {
            return nil
        }
        guard index == count, (1900...2099).contains(year), (1...12).contains(month) else {
            return nil
        }
        return (year, month)
    }

    /// ` H:MM`, ` HH:MM`, ` H:MM:SS` or ` HH:MM:SS` running to the end, with a valid time.
    ///
    /// Excel writes `yyyy/m/d h:mm` (one-digit hour) by default; seconds appear with custom
    /// formats. One ASCII space separates it from the date, as Excel writes it.
    @inline(__always)
    static func isExcelTime(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        let count = bytes.count
        guard bytes[start] == 0x20 else { return false }
        var index = start &+ 1
        guard let hour = oneOrTwoDigits(bytes, &index), hour <= 23,
              index < count, bytes[index] == 0x3A,
              let minute = fixedDigits(bytes, at: index &+ 1, width: 2), minute <= 59
        else { return false }
        index &+= 3
        if index == count { return true }
        guard bytes[index] == 0x3A,
              let second = fixedDigits(bytes, at: index &+ 1, width: 2), second <= 59
        else { return false }
        return index &+ 3 == count
    }

    /// One match of the file-name pattern starting exactly at `start` (lookbehind already
    /// checked). `-?` is greedy and a hyphen is never a digit, so there is at most one match
    /// per start position and no backtracking to consider.
    static func matchFileNameDate(
        _ bytes: UnsafeBufferPointer<UInt8>, at start: Int
    ) -> (year: Int, month: Int, day: Int, end: Int)? {
        let count = bytes.count
        guard let year = fixedDigits(bytes, at: start, width: 4) else { return nil }
        var index = start &+ 4
        if index < count && bytes[index] == 0x2D { index &+= 1 }
        guard let month = fixedDigits(bytes, at: index, width: 2) else { return nil }
        index &+= 2
        if index < count && bytes[index] == 0x2D { index &+= 1 }
        guard let day = fixedDigits(bytes, at: index, width: 2) else { return nil }
        index &+= 2
        // (?![0-9])
        if index < count && isDigit(bytes[index]) { return nil }
        return (year, month, day, index)
    }

    // MARK: Byte helpers

    /// UTF-8 of 年 (U+5E74), 月 (U+6708), 日 (U+65E5).
    /// Computed rather than stored: no lazy global to check on every field.
    static var cjkYear: (UInt8, UInt8, UInt8) { (0xE5, 0xB9, 0xB4) }
    static var cjkMonth: (UInt8, UInt8, UInt8) { (0xE6, 0x9C, 0x88) }
    static var cjkDay: (UInt8, UInt8, UInt8) { (0xE6, 0x97, 0xA5) }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 <= 9 }

    @inline(__always)
    static func hasCJK(
        _ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ char: (UInt8, UInt8, UInt8)
    ) -> Bool {
        index &+ 3 <= bytes.count
            && bytes[index] == char.0 && bytes[index &+ 1] == char.1 && bytes[index &+ 2] == char.2
    }

    /// Exactly `width` ASCII digits at `index` (none of them past the end).
    @inline(__always)
    static func fixedDigits(
        _ bytes: UnsafeBufferPointer<UInt8>, at index: Int, width: Int
    ) -> Int? {
        guard index >= 0, index &+ width <= bytes.count else { return nil }
        var value = 0
        for position in index..<(index &+ width) {
            let digit = bytes[position] &- 0x30
            guard digit <= 9 else { return nil }
            value = value &* 10 &+ Int(digit)
        }
        return value
    }

    /// One or two ASCII digits at `index`, advancing it.
    @inline(__always)
    static func oneOrTwoDigits(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> Int? {
        let count = bytes.count
        guard index < count else { return nil }
        let first = bytes[index] &- 0x30
        guard first <= 9 else { return nil }
        index &+= 1
        guard index < count else { return Int(first) }
        let second = bytes[index] &- 0x30
        guard second <= 9 else { return Int(first) }
        index &+= 1
        return Int(first) &* 10 &+ Int(second)
    }

    /// Runs `body` on the UTF-8 of `text` without surrounding ASCII space, tab and U+3000,
    /// the trimming every field gets (details #5).
    static func withTrimmedUTF8<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var text = text
        return text.withUTF8 { bytes in
            body(FieldTrimming.trimmed(bytes))
        }
    }
}
