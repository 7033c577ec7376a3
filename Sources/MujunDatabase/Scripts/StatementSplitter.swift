/// Splits an SQL script into statements the way psql does (its lexer, psqlscan.l, in
/// PostgreSQL 15): a semicolon ends a statement unless it is inside a string ('…', E'…' with
/// backslash escapes), a quoted identifier ("…"), a dollar-quoted body ($$…$$, $tag$…$tag$),
/// a comment (-- to the end of the line, /* … */ nested), parentheses, or the
/// `BEGIN ATOMIC … END` body of a `CREATE [OR REPLACE] FUNCTION|PROCEDURE`.
///
/// psql's own splitting is the reference because every file of `sql/` is also meant to run
/// under `psql -f` for an analyst or an operator; a file that splits differently here would be
/// two different programs.
enum StatementSplitter {
    static func statements(of sql: String) -> [SQLStatement] {
        let bytes = Array(sql.utf8)
        var statements: [SQLStatement] = []
        var i = 0
        var line = 1
        let n = bytes.count

        // Statement state.
        var start: Int?
        var startLine = 0
        var parenDepth = 0
        var beginDepth = 0
        var words: [String] = []  // the first four words, to recognise CREATE … FUNCTION

        func finish(at end: Int) {
            if let s = start {
                statements.append(SQLStatement(text: String(decoding: bytes[s..<end], as: UTF8.self), line: startLine))
            }
            start = nil
            parenDepth = 0
            beginDepth = 0
            words = []
        }
        func begin() {
            if start == nil { start = i; startLine = line }
        }
        /// Skips to just past `terminator`, counting lines; to the end when it never comes.
        func skip(past terminator: [UInt8]) {
            while i < n {
                if bytes[i] == terminator[0], i + terminator.count <= n,
                   bytes[i..<(i + terminator.count)].elementsEqual(terminator) {
                    i += terminator.count
                    return
                }
                if bytes[i] == 0x0A { line += 1 }
                i += 1
            }
        }
        /// From an opening quote to just past its closing one (a doubled quote is one character).
        func skipQuoted(_ quote: UInt8, backslashEscapes: Bool) {
            i += 1
            while i < n {
                if backslashEscapes && bytes[i] == 0x5C {
                    if i + 1 < n, bytes[i + 1] == 0x0A { line += 1 }
                    i += 2
                    continue
                }
                if bytes[i] == quote {
                    if i + 1 < n, bytes[i + 1] == quote { i += 2; continue }
                    i += 1
                    return
                }
                if bytes[i] == 0x0A { line += 1 }
                i += 1
            }
        }
        func isIdentifierStart(_ b: UInt8) -> Bool {
            (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b >= 0x80
        }
        func isIdentifierPart(_ b: UInt8) -> Bool {
            isIdentifierStart(b) || (b >= 0x30 && b <= 0x39) || b == 0x24
        }

        while i < n {
            let b = bytes[i]
            let next: UInt8 = i + 1 < n ? bytes[i + 1] : 0
            switch b {
            case 0x0A:
                line += 1
                i += 1
            case 0x20, 0x09, 0x0D, 0x0C:
                i += 1
            case 0x2D where next == 0x2D:  // -- comment
                while i < n && bytes[i] != 0x0A { i += 1 }
            case 0x2F where next == 0x2A:  // /* comment */, nested as in PostgreSQL
                var depth = 0
                while i < n {
                    if bytes[i] == 0x2F, i + 1 < n, bytes[i + 1] == 0x2A {
                        depth += 1
                        i += 2
                    } else if bytes[i] == 0x2A, i + 1 < n, bytes[i + 1] == 0x2F {
                        depth -= 1
                        i += 2
                        if depth == 0 { break }
                    } else {
                        if bytes[i] == 0x0A { line += 1 }
                        i += 1
                    }
                }
            case 0x27:  // '…', '' inside; E'…' also with backslash escapes
                begin()
                let escapes = i >= 1 && (bytes[i - 1] == 0x45 || bytes[i - 1] == 0x65)
                    && (i < 2 || !isIdentifierPart(bytes[i - 2]))
                skipQuoted(0x27, backslashEscapes: escapes)
            case 0x22:  // "identifier", "" inside
                begin()
                skipQuoted(0x22, backslashEscapes: false)
            case 0x24:  // $tag$ … $tag$, or $1, or a $ inside an identifier (handled with words)
                begin()
                var j = i + 1
                if j < n, bytes[j] != 0x24 {
                    guard isIdentifierStart(bytes[j]) else { i += 1; continue }
                    while j < n, isIdentifierPart(bytes[j]), bytes[j] != 0x24 { j += 1 }
                }
                guard j < n, bytes[j] == 0x24 else { i = j; continue }
                let tag = Array(bytes[i...j])
                i = j + 1
                skip(past: tag)
            case 0x28:
                begin()
                parenDepth += 1
                i += 1
            case 0x29:
                begin()
                parenDepth = max(parenDepth - 1, 0)
                i += 1
            case 0x3B:  // ;
                if start != nil && (parenDepth > 0 || beginDepth > 0) {
                    i += 1
                } else {
                    i += 1
                    if start != nil { finish(at: i) }
                }
            default:
                begin()
                guard isIdentifierStart(b) else { i += 1; continue }
                var j = i
                while j < n, isIdentifierPart(bytes[j]) { j += 1 }
                let word = String(decoding: bytes[i..<j], as: UTF8.self).lowercased()
                i = j
                if words.count < 4 { words.append(word) }
                guard createsRoutine(words), parenDepth == 0 else { continue }
                switch word {
                case "begin": beginDepth += 1
                case "case" where beginDepth >= 1: beginDepth += 1
                case "end" where beginDepth > 0: beginDepth -= 1
                default: break
                }
            }
        }
        finish(at: n)
        return statements
    }

    /// `CREATE FUNCTION`, `CREATE PROCEDURE`, `CREATE OR REPLACE FUNCTION|PROCEDURE`: the
    /// statements whose SQL-standard bodies may hold semicolons between BEGIN ATOMIC and END.
    private static func createsRoutine(_ words: [String]) -> Bool {
        guard words.first == "create", words.count >= 2 else { return false }
        if words[1] == "function" || words[1] == "procedure" { return true }
        return words.count >= 4 && words[1] == "or" && words[2] == "replace"
            && (words[3] == "function" || words[3] == "procedure")
    }
}
