/// Counts, over a whole file fed chunk by chunk, the non-blank physical lines and those holding
/// invalid UTF-8, for `--encoding auto` (details.md #69: a UTF-8 file with a few bad rows stays
/// UTF-8 and rejects those rows; only a mostly invalid file is GB18030).
///
/// It keeps a few bytes of state, not the file, so memory stays flat whatever the file size, and
/// a line or a multi-byte sequence split between two chunks is still judged whole.
struct EncodingSniffer {
    private(set) var nonBlankLines = 0
    private(set) var invalidLines = 0

    // State of a line split by a chunk boundary, judged byte by byte.
    private var atLineStart = true
    private var lineNonBlank = false
    private var lineInvalid = false
    /// Continuation bytes still expected, and the range allowed for the next one.
    private var need = 0
    private var low: UInt8 = 0x80
    private var high: UInt8 = 0xBF

    /// Lines are physical (CR and LF both end one; the empty line a CRLF seems to leave is blank
    /// and so never counted). Quoting is ignored: a GB18030 file is invalid UTF-8 on nearly every
    /// line, which is all this needs to see.
    mutating func scan(_ p: UnsafePointer<UInt8>, count n: Int) {
        var i = 0
        if !atLineStart {
            i = scanBytes(p, from: 0, count: n)
        }
        while i < n {
            let end = ByteScan.nextLineBreak(p, from: i, count: n)
            if end == n {
                // The rest of the line is in the next chunk.
                _ = scanBytes(p, from: i, count: n)
                return
            }
            // A whole line in view: judged in one go, with the fast validator.
            if end > i && !Self.isBlank(p + i, count: end - i) {
                nonBlankLines += 1
                if !UTF8Validator.isValidUTF8(p + i, count: end - i) { invalidLines += 1 }
            }
            i = end + 1
        }
    }

    /// Closes the last line (a file need not end with a line break).
    /// GB18030 when more lines than `maxInvalidLineRatio` are invalid UTF-8, else UTF-8.
    func decision(maxInvalidLineRatio: Double) -> ExtractEncoding {
        guard nonBlankLines > 0 else { return .utf8 }
        return Double(invalidLines) / Double(nonBlankLines) > maxInvalidLineRatio ? .gb18030 : .utf8
    }

    mutating func finish() {
        if !atLineStart { endLine() }
    }

    /// Only spaces and tabs (a line holding U+3000 counts as non-blank here: harmless, as it is
    /// valid UTF-8 and so only makes the file look more like UTF-8).
    @inline(__always)
    private static func isBlank(_ p: UnsafePointer<UInt8>, count: Int) -> Bool {
        var k = 0
        while k < count {
            if p[k] != 0x20 && p[k] != 0x09 { return false }
            k += 1
        }
        return true
    }

    /// Byte by byte from `from` through the first line break (returning the index after it) or
    /// to the end of the chunk (returning `n`, the line continuing in the next chunk).
    private mutating func scanBytes(_ p: UnsafePointer<UInt8>, from: Int, count n: Int) -> Int {
        var i = from
        while i < n {
            let b = p[i]
            i += 1
            if need > 0 {
                if b >= low && b <= high {
                    need -= 1
                    low = 0x80
                    high = 0xBF
                    continue
                }
                // A truncated sequence; `b` itself starts something new (maybe a line break).
                lineInvalid = true
                need = 0
                low = 0x80
                high = 0xBF
            }
            if b == 0x0A || b == 0x0D {
                endLine()
                return i
            }
            atLineStart = false
            if b < 0x80 {
                if b != 0x20 && b != 0x09 { lineNonBlank = true }
            } else {
                lineNonBlank = true
                let (count, first, last) = UTF8Validator.lead(b)
                if count < 0 {
                    lineInvalid = true
                } else {
                    need = count
                    low = first
                    high = last
                }
            }
        }
        return n
    }

    private mutating func endLine() {
        if need > 0 {
            lineInvalid = true
            need = 0
            low = 0x80
            high = 0xBF
        }
        if lineInvalid {
            invalidLines += 1
            nonBlankLines += 1
        } else if lineNonBlank {
            nonBlankLines += 1
        }
        lineInvalid = false
        lineNonBlank = false
        atLineStart = true
    }
}
