/// Escaping of text values for PostgreSQL's COPY text format.
///
/// In COPY text format a row is one line of tab-separated values, `\N` is NULL and a backslash
/// starts an escape. A value must therefore not contain a raw tab, LF or CR, and its
/// backslashes must be doubled, or the server would read a different row (or a NULL) than the
/// file held. Those four bytes are written as `\t`, `\n`, `\r` and `\\`; every other byte is
/// copied as is (the caller guarantees valid UTF-8, details #19/#69).
///
/// A NUL byte is rejected as `badEncoding` (details #68): PostgreSQL text cannot store it and
/// the whole COPY would fail.
public enum CopyText {
    /// Appends `field` to `out`, COPY-escaped.
    ///
    /// ```swift
    /// try CopyText.append(field, to: out)   // a<TAB>b\c  →  a\tb\\c
    /// ```
    public static func append(
        _ field: UnsafeBufferPointer<UInt8>, to out: ByteBuffer
    ) throws(RejectReason) {
        // Copy runs of ordinary bytes in one go: almost every field has nothing to escape.
        guard let base = field.baseAddress else { return }
        let count = field.count
        var runStart = 0
        var index = 0
        while index < count {
            // Skip eight ordinary bytes at a time (SWAR): the five special bytes are all
            // < 0x0E or exactly 0x5C, and UTF-8 of Chinese text is never either.
            while index &+ 8 <= count {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                if hasSpecialByte(word) { break }
                index &+= 8
            }
            guard index < count else { break }
            let byte = base[index]
            if byte > 0x0D && byte != 0x5C {
                index &+= 1
                continue
            }
            let escaped: UInt8
            switch byte {
            case 0x5C: escaped = 0x5C  // \\
            case 0x09: escaped = 0x74  // \t
            case 0x0A: escaped = 0x6E  // \n
            case 0x0D: escaped = 0x72  // \r
            case 0x00: throw .badEncoding
            default:
                // Other control bytes are plain data in COPY text format.
                index &+= 1
                continue
            }
            if index > runStart {
                out.append(UnsafeBufferPointer(start: base + runStart, count: index &- runStart))
            }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2) { pair in
                pair[0] = 0x5C
                pair[1] = escaped
                out.append(UnsafeBufferPointer(pair))
            }
            index &+= 1
            runStart = index
        }
        if count > runStart {
            out.append(UnsafeBufferPointer(start: base + runStart, count: count &- runStart))
        }
    }

    /// Whether any of the eight bytes of `word` is below 0x0E or equal to 0x5C ("has less than"
    /// and "has zero byte" of Bit Twiddling Hacks; exact as a yes/no answer).
    @inline(__always)
    static func hasSpecialByte(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let below0E = (word &- ones &* 0x0E) & ~word & highs
        let backslashes = word ^ (ones &* 0x5C)
        let hasBackslash = (backslashes &- ones) & ~backslashes & highs
        return (below0E | hasBackslash) != 0
    }

    /// Appends `text` to `out`, COPY-escaped, for values that are not fields of an extract
    /// (file names, raw record text of rejects, messages).
    public static func append(_ text: String, to out: ByteBuffer) throws(RejectReason) {
        var text = text
        // withUTF8 only rethrows untyped errors; carry the reason out by hand.
        let failure: RejectReason? = text.withUTF8 { bytes in
            do throws(RejectReason) {
                try append(bytes, to: out)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }
}
