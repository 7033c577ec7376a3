/// Strict UTF-8 checks on raw bytes, the way PostgreSQL checks text: no overlong forms, no
/// surrogates, nothing above U+10FFFF, and no NUL (details.md #68), because one bad row aborts
/// a whole COPY (shared/notes/toolchain.md) and so must be caught here as `bad_encoding`.
enum UTF8Validator {
    /// What a lead byte announces: how many continuation bytes follow, and the allowed range of
    /// the first one (narrower than 80...BF after E0, ED, F0 and F4, which is what excludes
    /// overlongs, surrogates and code points above U+10FFFF). `need == -1`: not a lead byte.
    @inline(__always)
    static func lead(_ b: UInt8) -> (need: Int, low: UInt8, high: UInt8) {
        switch b {
        case 0xC2...0xDF: return (1, 0x80, 0xBF)
        case 0xE0: return (2, 0xA0, 0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: return (2, 0x80, 0xBF)
        case 0xED: return (2, 0x80, 0x9F)
        case 0xF0: return (3, 0x90, 0xBF)
        case 0xF1...0xF3: return (3, 0x80, 0xBF)
        case 0xF4: return (3, 0x80, 0x8F)
        default: return (-1, 0, 0)
        }
    }

    /// Length of the valid sequence starting at `p[i]` (1 for ASCII, NUL included), or 0 when
    /// the bytes there are not valid UTF-8.
    @inline(__always)
    static func sequenceLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int {
        let b = p[i]
        if b < 0x80 { return 1 }
        let (need, low, high) = lead(b)
        if need < 0 || i + need >= n { return 0 }
        let c1 = p[i + 1]
        if c1 < low || c1 > high { return 0 }
        var k = 2
        while k <= need {
            let c = p[i + k]
            if c < 0x80 || c > 0xBF { return 0 }
            k += 1
        }
        return need + 1
    }

    /// True when the bytes are valid UTF-8 holding no NUL.
    static func isValidText(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = buffer.baseAddress else { return true }
        return validate(p, count: buffer.count, rejectNUL: true)
    }

    /// True when the bytes are valid UTF-8 (NUL allowed: a NUL says nothing about the encoding).
    static func isValidUTF8(_ p: UnsafePointer<UInt8>, count: Int) -> Bool {
        validate(p, count: count, rejectNUL: false)
    }

    @inline(__always)
    private static func validate(_ p: UnsafePointer<UInt8>, count n: Int, rejectNUL: Bool) -> Bool {
        let raw = UnsafeRawPointer(p)
        var i = 0
        while i < n {
            let b = p[i]
            if b < 0x80 {
                // A run of ASCII (digits, codes, punctuation): eight bytes at a time, checking
                // for NUL, up to the next non-ASCII byte.
                if i + 8 <= n {
                    let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                    let high = w & 0x8080_8080_8080_8080
                    let zero = rejectNUL ? ByteScan.exactZeroByteMask(w) : 0
                    if high == 0 {
                        if zero != 0 { return false }
                        i += 8
                    } else {
                        // At least one ASCII byte (b) precedes the first high one.
                        let asciiBits = high.trailingZeroBitCount & ~7
                        if zero & ((1 &<< UInt64(asciiBits)) &- 1) != 0 { return false }
                        i += asciiBits >> 3
                    }
                } else {
                    if rejectNUL && b == 0 { return false }
                    i += 1
                }
            } else if b >= 0xE1 && b <= 0xEC && i + 2 < n {
                // Three-byte sequences without range exceptions: all of common CJK (U+4E00…).
                if (p[i + 1] & 0xC0) != 0x80 || (p[i + 2] & 0xC0) != 0x80 { return false }
                i += 3
            } else {
                let length = sequenceLength(p, i, n)
                if length == 0 { return false }
                i += length
            }
        }
        return true
    }

    /// The bytes as text with every invalid byte and NUL written `\xNN` (upper-case hex). With
    /// `sentinels`, a 0xFF is the GB18030 decoder's marker and the byte after it is the
    /// undecodable original, which is the byte shown.
    static func escapedText(_ buffer: UnsafeBufferPointer<UInt8>, sentinels: Bool) -> String {
        guard let p = buffer.baseAddress, buffer.count > 0 else { return "" }
        let n = buffer.count
        var out: [UInt8] = []
        out.reserveCapacity(n + 16)
        var i = 0
        while i < n {
            let b = p[i]
            if b != 0 {
                let length = sequenceLength(p, i, n)
                if length > 0 {
                    for k in 0..<length { out.append(p[i + k]) }
                    i += length
                    continue
                }
            }
            var shown = b
            if sentinels, b == 0xFF, i + 1 < n {
                shown = p[i + 1]
                i += 1
            }
            appendEscape(shown, to: &out)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func appendEscape(_ b: UInt8, to out: inout [UInt8]) {
        let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
        out.append(0x5C)  // backslash
        out.append(0x78)  // x
        out.append(hex[Int(b >> 4)])
        out.append(hex[Int(b & 0x0F)])
    }
}
