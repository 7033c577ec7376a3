import MujunIngest
import Testing

extension Fields {
    /// Numbers: grammar and separators (details #9), limits (details #68), precedence (details #6).
    @Suite("Number fields")
    struct NumberFieldTests {
        @Test("money: grammar, decimals, 16 vs 17 integer digits, sign", arguments: [
            ("0", Outcome.ok("0")),
            ("1234", .ok("1234")),
            ("1234.5", .ok("1234.5")),
            ("1234.50", .ok("1234.50")),
            ("1234.567", .reject(.badNumber)),              // 3 decimals
            ("-1234.56", .ok("-1234.56")),                  // refunds may be negative
            ("-0.00", .ok("0.00")),                          // not negative, no sign written
            ("-0", .ok("0")),
            ("007.10", .ok("7.10")),                         // leading zeros stripped
            ("000", .ok("0")),
            ("0.05", .ok("0.05")),
            ("9999999999999999.99", .ok("9999999999999999.99")),   // 16 integer digits
            ("10000000000000000", .reject(.outOfRange)),           // 17
            ("-9999999999999999.99", .ok("-9999999999999999.99")),
            ("-10000000000000000.00", .reject(.outOfRange)),
            ("00000000000000000001.00", .ok("1.00")),        // leading zeros do not count
            ("+5", .reject(.badNumber)),
            ("1e5", .reject(.badNumber)),
            ("1E5", .reject(.badNumber)),
            (".5", .reject(.badNumber)),
            ("5.", .reject(.badNumber)),
            ("-", .reject(.badNumber)),
            ("--5", .reject(.badNumber)),
            ("1.2.3", .reject(.badNumber)),
            ("1 234", .reject(.badNumber)),
            ("1,234", .reject(.badNumber)),                  // unquoted comma
            ("１２３", .reject(.badNumber)),                  // full-width digits are not numbers
            ("NULL", .reject(.badNumber)),
            ("12-3", .reject(.badNumber)),
            ("1.5-", .reject(.badNumber)),
            ("", .reject(.badNumber)),
        ])
        func money(_ input: String, _ expected: Outcome) {
            #expect(parse(.money, input) == expected, "\(input)")
        }

        @Test("thousands separators only inside quotes, groups of exactly three", arguments: [
            ("1,234,567.80", true, Outcome.ok("1234567.80")),
            ("1,234,567.80", false, .reject(.badNumber)),
            ("-1,234.5", true, .ok("-1234.5")),
            ("123,456", true, .ok("123456")),
            ("1,23", true, .reject(.badNumber)),
            ("12,345,67", true, .reject(.badNumber)),
            ("1234,567", true, .reject(.badNumber)),          // first group longer than 3
            (",123", true, .reject(.badNumber)),
            ("1,,234", true, .reject(.badNumber)),
            ("1,234,", true, .reject(.badNumber)),
            ("1,234.5,6", true, .reject(.badNumber)),         // no separators in the decimals
            ("1,2345", true, .reject(.badNumber)),
            ("1234567.80", true, .ok("1234567.80")),          // quoting does not require separators
            ("0,001.50", true, .ok("1.50")),
            ("9,999,999,999,999,999.99", true, .ok("9999999999999999.99")),
            ("10,000,000,000,000,000", true, .reject(.outOfRange)),
        ])
        func separators(_ input: String, _ quoted: Bool, _ expected: Outcome) {
            #expect(parse(.money, input, quoted: quoted) == expected, "\(input) quoted: \(quoted)")
        }

        @Test("moneyNonNegative: negative after the type's own checks", arguments: [
            ("0", Outcome.ok("0")),
            ("12.30", .ok("12.30")),
            ("-0.01", .reject(.negativeValue)),
            ("-0.00", .ok("0.00")),
            ("-1.234", .reject(.badNumber)),                  // bad_number before negative_value
            ("-12345678901234567", .reject(.outOfRange)),     // out_of_range before negative_value
            ("9999999999999999", .ok("9999999999999999")),
        ])
        func moneyNonNegative(_ input: String, _ expected: Outcome) {
            #expect(parse(.moneyNonNegative, input) == expected, "\(input)")
        }

        @Test("area: 2 decimals, 12 vs 13 integer digits, ≥ 0", arguments: [
            ("0", Outcome.ok("0")),
            ("0.00", .ok("0.00")),
            ("12345.67", .ok("12345.67")),
            ("12345.678", .reject(.badNumber)),
            ("999999999999.99", .ok("999999999999.99")),       // 12 integer digits
            ("1000000000000", .reject(.outOfRange)),           // 13
            ("-1", .reject(.negativeValue)),
            ("-0.00", .ok("0.00")),
            ("-1000000000000", .reject(.outOfRange)),
            ("-1.001", .reject(.badNumber)),
            ("20,000.5", .reject(.badNumber)),
        ])
        func area(_ input: String, _ expected: Outcome) {
            #expect(parse(.area, input) == expected, "\(input)")
        }

        @Test("areaPositive: zero is out of range, negative is negative", arguments: [
            ("0.01", Outcome.ok("0.01")),
            ("1", .ok("1")),
            ("0", .reject(.outOfRange)),
            ("0.00", .reject(.outOfRange)),
            ("-0.00", .reject(.outOfRange)),
            ("000.0", .reject(.outOfRange)),
            ("-0.01", .reject(.negativeValue)),
            ("-5", .reject(.negativeValue)),
            ("999999999999.99", .ok("999999999999.99")),
            ("1000000000000.00", .reject(.outOfRange)),
            ("0.001", .reject(.badNumber)),
        ])
        func areaPositive(_ input: String, _ expected: Outcome) {
            #expect(parse(.areaPositive, input) == expected, "\(input)")
        }

        @Test("kwh: any decimals, ≥ 0", arguments: [
            ("0", Outcome.ok("0")),
            ("123456.789", .ok("123456.789")),
            ("0.000001", .ok("0.000001")),
            ("123456789012345678901234", .ok("123456789012345678901234")),
            ("-0.000", .ok("0.000")),
            ("-0.001", .reject(.negativeValue)),
            ("-5", .reject(.negativeValue)),
            ("1,234.5678", .reject(.badNumber)),
            ("1.5e3", .reject(.badNumber)),
        ])
        func kwh(_ input: String, _ expected: Outcome) {
            #expect(parse(.kwh, input) == expected, "\(input)")
        }

        @Test("kwh quoted with separators")
        func kwhQuoted() {
            #expect(parse(.kwh, "1,234.5678", quoted: true) == .ok("1234.5678"))
        }

        @Test("kwh: PostgreSQL numeric's own limits are out_of_range")
        func kwhServerLimits() {
            let decimals = String(repeating: "1", count: 16383)
            #expect(parse(.kwh, "1." + decimals) == .ok("1." + decimals))
            #expect(parse(.kwh, "1." + decimals + "1") == .reject(.outOfRange))
            let digits = String(repeating: "9", count: 131072)
            #expect(parse(.kwh, digits) == .ok(digits))
            #expect(parse(.kwh, "1" + digits) == .reject(.outOfRange))
        }

        @Test("count: integer, 2147483647 vs 2147483648, no decimal point", arguments: [
            ("0", Outcome.ok("0")),
            ("250", .ok("250")),
            ("0250", .ok("250")),
            ("2147483647", .ok("2147483647")),
            ("2147483648", .reject(.outOfRange)),
            ("02147483647", .ok("2147483647")),
            ("9999999999", .reject(.outOfRange)),
            ("10000000000", .reject(.outOfRange)),
            ("99999999999999999999999", .reject(.outOfRange)),
            ("12.0", .reject(.badNumber)),
            ("12.5", .reject(.badNumber)),
            ("0.0", .reject(.badNumber)),
            ("12.", .reject(.badNumber)),
            ("-1", .reject(.negativeValue)),
            ("-0", .ok("0")),
            ("-2147483648", .reject(.negativeValue)),      // fits integer, then negative
            ("-2147483649", .reject(.outOfRange)),
            ("-1.5", .reject(.badNumber)),
            ("1,000", .reject(.badNumber)),
        ])
        func count(_ input: String, _ expected: Outcome) {
            #expect(parse(.count, input) == expected, "\(input)")
        }

        @Test("count quoted with separators")
        func countQuoted() {
            #expect(parse(.count, "1,000", quoted: true) == .ok("1000"))
            #expect(parse(.count, "2,147,483,647", quoted: true) == .ok("2147483647"))
            #expect(parse(.count, "2,147,483,648", quoted: true) == .reject(.outOfRange))
            #expect(parse(.count, "1,000.0", quoted: true) == .reject(.badNumber))
        }
    }
}
