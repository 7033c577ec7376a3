import MujunCore
import MujunIngest
import Testing

extension Fields {
    /// Dates and months (details #8, #56, #68).
    @Suite("Date and month fields")
    struct DateFieldTests {
        @Test("the four date forms", arguments: [
            ("2024-03-05", Outcome.ok("2024-03-05")),
            ("2024/03/05", .ok("2024-03-05")),
            ("20240305", .ok("2024-03-05")),
            ("2024年03月05日", .ok("2024-03-05")),
            ("2024-3-5", .ok("2024-03-05")),
            ("2024/3/5", .ok("2024-03-05")),
            ("2024年3月5日", .ok("2024-03-05")),
            ("2024-3-15", .ok("2024-03-15")),
            ("2024-12-5", .ok("2024-12-05")),
            ("2024年12月31日", .ok("2024-12-31")),
            ("2024035", .reject(.badDate)),                  // YYYYMMDD needs 8 digits
            ("202435", .reject(.badDate)),
            ("202403055", .reject(.badDate)),
            ("2024-03/05", .reject(.badDate)),               // mixed separators
            ("2024.03.05", .reject(.badDate)),
            ("24-03-05", .reject(.badDate)),
            ("02024-03-05", .reject(.badDate)),
            ("2024-003-05", .reject(.badDate)),
            ("2024-03-005", .reject(.badDate)),
            ("2024-03-", .reject(.badDate)),
            ("2024--05", .reject(.badDate)),
            ("2024年3月5", .reject(.badDate)),                // missing 日
            ("2024年3-5日", .reject(.badDate)),
            ("2024-03", .reject(.badDate)),                   // a month is not a date
            ("05/03/2024", .reject(.badDate)),
            ("２０２４-03-05", .reject(.badDate)),
            ("NULL", .reject(.badDate)),
            ("-", .reject(.badDate)),
        ])
        func forms(_ input: String, _ expected: Outcome) {
            #expect(parse(.date, input) == expected, "\(input)")
        }

        @Test("impossible dates, leap years, and the 1900–2099 range", arguments: [
            ("2024-02-29", Outcome.ok("2024-02-29")),
            ("2024-02-30", .reject(.badDate)),
            ("2023-02-29", .reject(.badDate)),
            ("2023-02-28", .ok("2023-02-28")),
            ("2000-02-29", .ok("2000-02-29")),
            ("1900-02-29", .reject(.badDate)),
            ("2100-02-28", .reject(.badDate)),
            ("2024-00-10", .reject(.badDate)),
            ("2024-13-01", .reject(.badDate)),
            ("2024-01-00", .reject(.badDate)),
            ("2024-0-1", .reject(.badDate)),
            ("2024-04-31", .reject(.badDate)),
            ("2024-04-30", .ok("2024-04-30")),
            ("2024-06-31", .reject(.badDate)),
            ("2024-09-31", .reject(.badDate)),
            ("2024-11-31", .reject(.badDate)),
            ("2024-01-31", .ok("2024-01-31")),
            ("2024-01-32", .reject(.badDate)),
            ("1899-12-31", .reject(.badDate)),
            ("1900-01-01", .ok("1900-01-01")),
            ("2099-12-31", .ok("2099-12-31")),
            ("2100-01-01", .reject(.badDate)),
            ("18991231", .reject(.badDate)),
            ("19000101", .ok("1900-01-01")),
            ("20991231", .ok("2099-12-31")),
            ("21000101", .reject(.badDate)),
            ("0000-01-01", .reject(.badDate)),
            ("20240230", .reject(.badDate)),
            ("2024年2月30日", .reject(.badDate)),
        ])
        func calendar(_ input: String, _ expected: Outcome) {
            #expect(parse(.date, input) == expected, "\(input)")
        }

        @Test("an Excel time part after any form is accepted and dropped", arguments: [
            ("2024-03-05 9:30", Outcome.ok("2024-03-05")),
            ("2024-03-05 09:30", .ok("2024-03-05")),
            ("2024-03-05 09:30:15", .ok("2024-03-05")),
            ("2024-03-05 9:30:15", .ok("2024-03-05")),
            ("2024/3/5 0:00", .ok("2024-03-05")),
            ("2024/03/05 23:59:59", .ok("2024-03-05")),
            ("20240305 12:00", .ok("2024-03-05")),
            ("2024年3月5日 8:05", .ok("2024-03-05")),
            ("2024年03月05日 00:00:00", .ok("2024-03-05")),
            ("2024-03-05 24:00", .reject(.badDate)),
            ("2024-03-05 12:60", .reject(.badDate)),
            ("2024-03-05 12:30:60", .reject(.badDate)),
            ("2024-03-05 99:00", .reject(.badDate)),
            ("2024-03-05 123:00", .reject(.badDate)),
            ("2024-03-05 12:3", .reject(.badDate)),           // minutes need two digits
            ("2024-03-05 12:30:5", .reject(.badDate)),
            ("2024-03-05 12", .reject(.badDate)),
            ("2024-03-05 12:", .reject(.badDate)),
            ("2024-03-05 12:30:", .reject(.badDate)),
            ("2024-03-05 12:30:00.000", .reject(.badDate)),
            ("2024-03-05T09:30", .reject(.badDate)),          // no ISO T separator
            ("2024-03-05T09:30:00", .reject(.badDate)),
            ("2024-03-05  09:30", .reject(.badDate)),         // exactly one space
            ("2024-03-05 ", .reject(.badDate)),
            ("2024-03-05 :30", .reject(.badDate)),
            ("2024-02-30 09:30", .reject(.badDate)),          // the time does not rescue the date
        ])
        func time(_ input: String, _ expected: Outcome) {
            #expect(parse(.date, input) == expected, "\(input)")
        }

        @Test("months: the four forms, written as the first day", arguments: [
            ("2024-03", Outcome.ok("2024-03-01")),
            ("2024/03", .ok("2024-03-01")),
            ("202403", .ok("2024-03-01")),
            ("2024年03月", .ok("2024-03-01")),
            ("2024-3", .ok("2024-03-01")),
            ("2024/3", .ok("2024-03-01")),
            ("2024年3月", .ok("2024-03-01")),
            ("2024-12", .ok("2024-12-01")),
            ("20243", .reject(.badDate)),                      // YYYYMM needs 6 digits
            ("2024003", .reject(.badDate)),
            ("2024-00", .reject(.badDate)),
            ("2024-13", .reject(.badDate)),
            ("2024年13月", .reject(.badDate)),
            ("2024年3", .reject(.badDate)),
            ("2024-03-05", .reject(.badDate)),                 // a date is not a month
            ("20240305", .reject(.badDate)),
            ("2024-03 00:00", .reject(.badDate)),              // no time part on a month
            ("2024-03/", .reject(.badDate)),
            ("1899-12", .reject(.badDate)),
            ("1900-01", .ok("1900-01-01")),
            ("2099-12", .ok("2099-12-01")),
            ("2100-01", .reject(.badDate)),
            ("2024.03", .reject(.badDate)),
        ])
        func months(_ input: String, _ expected: Outcome) {
            #expect(parse(.month, input) == expected, "\(input)")
        }

        @Test("public parseDate / parseMonth trim and share the field rules")
        func publicHelpers() {
            #expect(DateParsing.parseDate(" 2024年3月5日 9:30\u{3000}")! == (2024, 3, 5))
            #expect(DateParsing.parseDate("2024-02-30") == nil)
            #expect(DateParsing.parseMonth("202403")! == (2024, 3))
            #expect(DateParsing.parseMonth("2024-03-01") == nil)
            #expect(DateParsing.isValid(year: 2000, month: 2, day: 29))
            #expect(!DateParsing.isValid(year: 1900, month: 2, day: 29))
            #expect(CalendarDay.daysIn(month: 2, year: 2024) == 29)
            #expect(CalendarDay.daysIn(month: 2, year: 2100) == 28)
        }
    }
}
