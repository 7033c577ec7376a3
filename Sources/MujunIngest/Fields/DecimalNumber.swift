/// Decimal numbers of extracts: money, areas, kWh and counts (spec details #9, #68).
///
/// Grammar: `-?digits[.digits]`. Inside a *quoted* field the integer part may also be written
/// in thousands groups, `d{1,3}(,ddd)+` (`"1,234,567.80"`); in an unquoted field a comma is
/// the CSV delimiter, so one that reaches us means a malformed value and is `badNumber`. No `+`,
/// no exponent, no spaces inside, no leading or trailing dot (`.5`, `5.`), ASCII digits only.
///
/// Output: the number without separators, leading zeros of the integer part stripped (one `0`
/// kept), the decimals exactly as given (`"001,234.50"` → `1234.50`), and no sign on zero
/// (`-0.00` → `0.00`; details #9: "-0.00 is not negative"). PostgreSQL would accept the
/// leading zeros too; stripping them makes the written value canonical, so equal values are
/// equal bytes in staging, and makes the integer-digit limits count significant digits.
///
/// Checks run in the order of details #6: syntax and too many decimals (`badNumber`), then
/// the column's range (`outOfRange`), then the sign (`negativeValue`).
enum DecimalNumber {
    /// What one numeric column type accepts.
    struct Rules {
        /// More decimals than this is `fractionLimitReason`. `0` forbids the decimal point.
        var maxFractionDigits: Int
        /// The reason for too many decimals: `badNumber` for the rule of the extract format,
        /// `outOfRange` where only the server's own limit applies (kWh).
        var fractionLimitReason: RejectReason
        /// More significant integer digits than this is `outOfRange`.
        var maxIntegerDigits: Int
        /// Whether the magnitude must also fit PostgreSQL `integer` (−2³¹…2³¹−1).
        var fitsInt32: Bool
        var allowsNegative: Bool
        var allowsZero: Bool

        /// Yuan in `numeric(18,2)`: 16 integer digits, 2 decimals (domain.md "Units").
        static var money: Rules {
            Rules(maxFractionDigits: 2, fractionLimitReason: .badNumber, maxIntegerDigits: 16,
                  fitsInt32: false, allowsNegative: true, allowsZero: true)
        }
        static var moneyNonNegative: Rules {
            var rules = money
            rules.allowsNegative = false
            return rules
        }
        /// m² in `numeric(14,2)`: 12 integer digits, 2 decimals.
        static var area: Rules {
            Rules(maxFractionDigits: 2, fractionLimitReason: .badNumber, maxIntegerDigits: 12,
                  fitsInt32: false, allowsNegative: false, allowsZero: true)
        }
        static var areaPositive: Rules {
            var rules = area
            rules.allowsZero = false
            return rules
        }
        /// kWh may have any decimals (details #9). The only limits are those of an
        /// unconstrained PostgreSQL `numeric` (131072 digits before the point, 16383 after),
        /// checked so that no value can abort the COPY (details #68).
        static var kwh: Rules {
            Rules(maxFractionDigits: 16383, fractionLimitReason: .outOfRange,
                  maxIntegerDigits: 131072, fitsInt32: false, allowsNegative: false,
                  allowsZero: true)
        }
        /// Employees in PostgreSQL `integer`: no decimal point at all, not even `12.0`.
        static var count: Rules {
            Rules(maxFractionDigits: 0, fractionLimitReason: .badNumber, maxIntegerDigits: 10,
                  fitsInt32: true, allowsNegative: false, allowsZero: true)
        }
    }

    /// Validates `field` against `rules` and appends its canonical form to `out`.
    @inline(__always)
    static func append(
        _ field: UnsafeBufferPointer<UInt8>, quoted: Bool, rules: Rules, to out: ByteBuffer
    ) throws(RejectReason) {
        let count = field.count
        guard count > 0 else { throw .badNumber }
        let negative = field[0] == 0x2D  // "-"
        var index = negative ? 1 : 0

        // Integer part, with thousands groups when quoted.
        let integerStart = index
        var groupStart = index
        var sawSeparator = false
        while index < count {
            let byte = field[index]
            if byte &- 0x30 <= 9 {
                index &+= 1
            } else if byte == 0x2C {  // ","
                guard quoted else { throw .badNumber }
                let groupLength = index &- groupStart
                // The first group has 1–3 digits, every later one exactly 3 ("1,23" and
                // "12,345,67" are bad, details #9).
                if sawSeparator ? groupLength != 3 : (groupLength < 1 || groupLength > 3) {
                    throw .badNumber
                }
                sawSeparator = true
                index &+= 1
                groupStart = index
            } else {
                break
            }
        }
        let lastGroupLength = index &- groupStart
        if sawSeparator ? lastGroupLength != 3 : lastGroupLength == 0 { throw .badNumber }
        let integerEnd = index

        // Fraction part: a dot must have digits on both sides.
        var fractionStart = count
        if index < count {
            guard field[index] == 0x2E else { throw .badNumber }  // "."
            index &+= 1
            fractionStart = index
            while index < count && field[index] &- 0x30 <= 9 { index &+= 1 }
            guard index == count && index > fractionStart else { throw .badNumber }
        }
        let fractionDigits = count &- fractionStart
        if fractionDigits > rules.maxFractionDigits {
            // Counts forbid the point itself: that is the format's bad_number, whatever the
            // column's other limits.
            throw rules.maxFractionDigits == 0 ? .badNumber : rules.fractionLimitReason
        }

        // Significant integer digits: leading zeros and separators do not count.
        var significantStart = integerStart
        while significantStart < integerEnd
            && (field[significantStart] == 0x30 || field[significantStart] == 0x2C) {
            significantStart &+= 1
        }
        var significantDigits = 0
        var magnitude: UInt64 = 0
        for position in significantStart..<integerEnd where field[position] != 0x2C {
            significantDigits &+= 1
            // Only meaningful while it fits (≤ 19 digits); used for the int32 check.
            magnitude = magnitude &* 10 &+ UInt64(field[position] &- 0x30)
        }
        var isZero = significantDigits == 0
        if isZero {
            for position in fractionStart..<count where field[position] != 0x30 {
                isZero = false
                break
            }
        }

        // Range, then zero, then sign (details #6: the type's own code before negative_value).
        if significantDigits > rules.maxIntegerDigits { throw .outOfRange }
        if rules.fitsInt32 {
            // integer holds −2147483648…2147483647: "-2147483648" is in range (and then
            // negative), "2147483648" is not.
            let limit: UInt64 = negative ? 2_147_483_648 : 2_147_483_647
            if magnitude > limit { throw .outOfRange }
        }
        if isZero && !rules.allowsZero { throw .outOfRange }
        if negative && !isZero && !rules.allowsNegative { throw .negativeValue }

        // Canonical form. Usually it is the field itself: one append.
        let hasLeadingZeros = significantStart > integerStart
            && !(significantDigits == 0 && integerEnd &- integerStart == 1)  // a lone "0" stays
        if !sawSeparator && !hasLeadingZeros && !(negative && isZero) {
            out.append(field)
            return
        }
        // Otherwise it is never longer than the field: build it on the stack (the heap for the
        // rare huge kWh value) and append it once.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { buffer in
            let text = buffer.baseAddress!
            var length = 0
            if negative && !isZero {
                text[0] = 0x2D
                length = 1
            }
            if significantDigits == 0 {
                text[length] = 0x30
                length &+= 1
            } else {
                for position in significantStart..<integerEnd where field[position] != 0x2C {
                    text[length] = field[position]
                    length &+= 1
                }
            }
            // The dot and the decimals, exactly as given.
            if fractionDigits > 0 {
                for position in (fractionStart &- 1)..<count {
                    text[length] = field[position]
                    length &+= 1
                }
            }
            out.append(UnsafeBufferPointer(start: text, count: length))
        }
    }
}
