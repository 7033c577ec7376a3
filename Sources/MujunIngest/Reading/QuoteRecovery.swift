/// Finds where a malformed record ends once libcsv (in strict mode) has given up on it.
///
/// libcsv's strict mode stops at the first bad quote and cannot resume (toolchain notes), so
/// from the offending byte on this small lexer takes over until the end of the record: "the bad
/// record ends at the next line break that is not inside a properly quoted field" (details.md
/// #7). As in RFC 4180, a field is properly quoted when its very first byte is a quote; a quote
/// anywhere else (after a space, inside text) is just a character, so it cannot make the record
/// swallow the lines that follow.
///
/// The reader also uses it to skip the rest of a record too long to keep in memory.
struct QuoteRecovery {
    enum State {
        /// At the start of a field (after a comma).
        case fieldStart
        /// Inside an unquoted field, or in text after a closing quote.
        case unquoted
        /// Inside a quoted field.
        case quoted
        /// Just after a quote inside a quoted field: closing quote or first half of `""`.
        case quotedMaybeEnd
    }

    var state: State = .unquoted
    /// Line where the current quoted field opened, for the unterminated-quote error.
    var quoteLine = 0

    /// Runs the lexer over `p[0..<count]`, all of which lies on physical line `line`, except
    /// possibly the last byte, which may be the line break ending it (the reader cuts its input
    /// at every CR and LF). Returns true when that line break ends the record.
    mutating func consume(_ p: UnsafePointer<UInt8>, count: Int, line: Int) -> Bool {
        var i = 0
        while i < count {
            let b = p[i]
            i += 1
            switch state {
            case .quoted:
                if b == 0x22 { state = .quotedMaybeEnd }
            case .quotedMaybeEnd:
                if b == 0x22 {
                    state = .quoted
                } else if b == 0x2C {
                    state = .fieldStart
                } else if b == 0x0A || b == 0x0D {
                    return true
                } else {
                    state = .unquoted
                }
            case .fieldStart:
                if b == 0x22 {
                    state = .quoted
                    quoteLine = line
                } else if b == 0x0A || b == 0x0D {
                    return true
                } else if b != 0x2C {
                    state = .unquoted
                }
            case .unquoted:
                if b == 0x2C {
                    state = .fieldStart
                } else if b == 0x0A || b == 0x0D {
                    return true
                }
            }
        }
        return false
    }
}
