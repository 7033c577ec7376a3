import MujunCore

/// Validates one field of an extract and writes its canonical form in PostgreSQL COPY text
/// format.
///
/// This runs on every field of multi-million-row files, so everything below works on the UTF-8
/// bytes: no Foundation, no regular expressions, no `String` per field. PostgreSQL aborts a
/// whole COPY on one bad value (shared/notes/toolchain.md), so a value written here must be one
/// the server accepts in the column's type: real calendar dates, numbers within the column's
/// precision, no NUL (details #68).
///
/// ```swift
/// let out = ByteBuffer()
/// try FieldParser.parse(.date, bytes, quoted: false, into: out)   // "2024年3月5日" → 2024-03-05
/// ```
///
/// Not `@inlinable`: the callers (the row builders of this module) are compiled with it under
/// whole-module optimisation in release builds, which already lets the optimiser inline or
/// specialise the per-type parsers behind the switch; exposing the bodies to other modules
/// would only bloat them.
public enum FieldParser {
    /// Validates one non-NULL field and appends its canonical COPY-text form to `out`.
    ///
    /// - Parameters:
    ///   - type: the column's type.
    ///   - field: the field's UTF-8 bytes, already trimmed of ASCII space, tab and U+3000
    ///     (details #5) and never empty: NULL handling (details #4) is the caller's. An empty
    ///     buffer is rejected by every typed parser and written as an empty string by `.text`.
    ///   - quoted: whether the field was quoted in the file; only numbers care (thousands
    ///     separators are allowed only inside quotes, details #9).
    ///   - out: the row being built; the canonical value is appended, nothing else (no
    ///     delimiter).
    /// - Throws: the `RejectReason` of the first rule that fails. On throw, `out` may contain a
    ///   partial write: the caller truncates it.
    public static func parse(
        _ type: FieldType, _ field: UnsafeBufferPointer<UInt8>, quoted: Bool, into out: ByteBuffer
    ) throws(RejectReason) {
        switch type {
        case .text: try CopyText.append(field, to: out)
        case .uscc: try USCC.append(field, to: out)
        case .date: try DateParsing.appendDate(field, to: out)
        case .month: try DateParsing.appendMonth(field, to: out)
        case .money: try DecimalNumber.append(field, quoted: quoted, rules: .money, to: out)
        case .moneyNonNegative:
            try DecimalNumber.append(field, quoted: quoted, rules: .moneyNonNegative, to: out)
        case .area: try DecimalNumber.append(field, quoted: quoted, rules: .area, to: out)
        case .areaPositive:
            try DecimalNumber.append(field, quoted: quoted, rules: .areaPositive, to: out)
        case .kwh: try DecimalNumber.append(field, quoted: quoted, rules: .kwh, to: out)
        case .count: try DecimalNumber.append(field, quoted: quoted, rules: .count, to: out)
        case .boolean: try Vocabulary.appendBoolean(field, to: out)
        case .registryStatus: try Vocabulary.appendRegistryStatus(field, to: out)
        case .utility: try Vocabulary.appendUtility(field, to: out)
        case .idleCause: try Vocabulary.appendIdleCause(field, to: out)
        case .industryCode: try IndustryCode.append(field, to: out)
        case .accountDigits: try appendAccountDigits(field, to: out)
        case .year: try appendYear(field, to: out)
        }
    }

    /// `2024` or `2024年` (年 is E5 B9 B4 in UTF-8), written as the four digits.
    @inline(__always)
    static func appendYear(_ field: UnsafeBufferPointer<UInt8>, to out: ByteBuffer) throws(RejectReason) {
        let digits: Int
        if field.count == 4 {
            digits = 4
        } else if field.count == 7, field[4] == 0xE5, field[5] == 0xB9, field[6] == 0xB4 {
            digits = 4
        } else {
            throw .badNumber
        }
        var year = 0
        for i in 0..<digits {
            let d = field[i] &- 0x30
            guard d <= 9 else { throw .badNumber }
            year = year * 10 + Int(d)
        }
        guard (2000...2100).contains(year) else { throw .outOfRange }
        out.append(UnsafeBufferPointer(rebasing: field[0..<4]))
    }

    /// Power account numbers are digit strings whose leading zeros matter (details #13, and
    /// #66 on Excel dropping them): they are kept as text, never converted to a number.
    @inline(__always)
    static func appendAccountDigits(
        _ field: UnsafeBufferPointer<UInt8>, to out: ByteBuffer
    ) throws(RejectReason) {
        guard !field.isEmpty else { throw .outOfRange }
        for byte in field where byte &- 0x30 > 9 { throw .outOfRange }
        // Digits need no COPY escaping.
        out.append(field)
    }
}
