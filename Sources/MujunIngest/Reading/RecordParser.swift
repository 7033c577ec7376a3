import CLibCSV
import Glibc

// libcsv's parser states (libcsv.c), read from `csv_parser.pstate` between calls.
private let rowNotBegun: Int32 = 0
private let fieldBegun: Int32 = 2
private let fieldMightHaveEnded: Int32 = 3

// libcsv's callbacks. Plain global functions on purpose: a closure passed to C from main-actor
// code gets an executor check on every call (7× slower, shared/notes/toolchain.md), and a C
// callback cannot capture anyway. The record travels through libcsv's `void *` via `Unmanaged`;
// the `RecordParser` keeps it alive for the parser's lifetime.

private func libcsvField(_ data: UnsafeMutableRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) {
    Unmanaged<CSVRecord>.fromOpaque(context.unsafelyUnwrapped)._withUnsafeGuaranteedRef {
        $0.appendField(data, length)
    }
}

private func libcsvRowEnd(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    Unmanaged<CSVRecord>.fromOpaque(context.unsafelyUnwrapped)._withUnsafeGuaranteedRef {
        $0.rowEnded = true
    }
}

/// libcsv trims spaces and tabs from unquoted fields unless told nothing is a space. We trim
/// ourselves (U+3000 too), and leaving spaces to libcsv is also what makes strict mode reject
/// `a, "b"` and `"b" ,c` as bad quoting (details.md #7). See `RecordParser.piece` for when it is
/// installed.
private func libcsvNothingIsSpace(_ c: UInt8) -> Int32 { 0 }

/// Turns a stream of decoded (UTF-8) bytes into `CSVRecord`s: the record splitter in front of
/// libcsv that details.md #81 allows.
///
/// The input is cut at every CR and LF and each piece is fed to libcsv separately. libcsv gives
/// no positions, but since a record can only end on a line break, and every line break is the
/// last byte of a piece, this parser always knows the physical line it is on: that is how a
/// record gets the line where it starts, and an unterminated quote the line where it opened.
/// When libcsv's strict mode rejects a quote, `QuoteRecovery` finds the end of the bad record,
/// which is delivered as `.badQuoting`, and libcsv starts afresh on the next one.
final class RecordParser {
    private let parser: UnsafeMutablePointer<csv_parser>
    private let record: CSVRecord
    private let context: UnsafeMutableRawPointer
    private let file: String
    /// A record longer than this is not kept whole: its raw text is cut, libcsv stops buffering
    /// its field, and it is rejected as `.badQuoting`. This keeps memory flat when a stray quote
    /// swallows the rest of a multi-gigabyte file (no real extract field comes near the limit).
    private let maxRecordBytes: Int

    /// Physical line of the next byte.
    private var line = 1
    /// The previous byte was a CR, so an LF right now completes a CRLF (one line break).
    private var lastByteWasCR = false
    /// Bytes of a record have been seen and it is not delivered yet.
    private var recordOpen = false
    /// libcsv gave up on the current record; `recovery` looks for its end.
    private var recovering = false
    private var recovery = QuoteRecovery()
    /// Line where libcsv's currently open quoted field began.
    private var quoteOpenLine = 0
    /// A UTF-8 BOM may still be coming at the start of the stream (possibly split over chunks).
    private var bomPending = true
    private var bomMatched = 0
    /// Whether `libcsvNothingIsSpace` is libcsv's space function right now (else its default).
    private var spaceFunctionInstalled = false
    /// The previous piece ended at a chunk boundary, not at a line break.
    private var previousPieceUnterminated = false

    init(record: CSVRecord, file: String, maxRecordBytes: Int) {
        self.record = record
        self.file = file
        self.maxRecordBytes = maxRecordBytes
        context = Unmanaged.passUnretained(record).toOpaque()
        parser = .allocate(capacity: 1)
        // CSV_STRICT: report bad quotes instead of reading `"bad"x` as `badx`.
        // CSV_STRICT_FINI: report a quote still open at the end of the input.
        // CSV_EMPTY_IS_NULL is not needed (empty and `""` are both NULL for us) and left off.
        csv_init(parser, UInt8(CSV_STRICT | CSV_STRICT_FINI))
        csv_set_space_func(parser, libcsvNothingIsSpace)
        spaceFunctionInstalled = true
        // libcsv grows its field buffer by this step; the default 128 bytes means many reallocs.
        csv_set_blk_size(parser, 4096)
    }

    deinit {
        csv_free(parser)
        parser.deallocate()
    }

    /// Parses the next decoded bytes, calling `body` for each complete non-blank record.
    func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ body: (CSVRecord) throws -> Void) throws {
        guard var p = chunk.baseAddress else { return }
        var n = chunk.count
        // Strip a UTF-8 BOM (after decoding: GB18030's BOM decodes to the same U+FEFF).
        while bomPending {
            if bomMatched == 3 {
                bomPending = false
                break
            }
            if n == 0 { return }
            if p[0] == Self.bomByte(bomMatched) {
                bomMatched += 1
                p += 1
                n -= 1
            } else {
                bomPending = false
                try replayBOMPrefix(body)
            }
        }
        var i = 0
        while i < n {
            let j = ByteScan.nextLineBreak(p, from: i, count: n)
            if j < n {
                try piece(p + i, count: j + 1 - i, terminated: true, body)
                i = j + 1
            } else {
                try piece(p + i, count: n - i, terminated: false, body)
                i = n
            }
        }
    }

    /// Ends the input: delivers a last record that has no final line break, or throws
    /// `.unterminatedQuote` naming the line where a still-open quote began.
    func finish(_ body: (CSVRecord) throws -> Void) throws {
        if bomPending {
            bomPending = false
            if bomMatched < 3 { try replayBOMPrefix(body) }
        }
        guard recordOpen else { return }
        if recovering {
            if recovery.state == .quoted { throw unterminatedQuote(recovery.quoteLine) }
            try finishRecord(terminated: false, body)
            return
        }
        if csv_fini(parser, libcsvField, libcsvRowEnd, context) != 0 {
            throw unterminatedQuote(quoteOpenLine)
        }
        if record.rowEnded { try finishRecord(terminated: false, body) }
    }

    // MARK: Private

    private static func bomByte(_ i: Int) -> UInt8 {
        i == 0 ? 0xEF : i == 1 ? 0xBB : 0xBF
    }

    /// The stream began like a BOM but was not one: those bytes are data after all.
    private func replayBOMPrefix(_ body: (CSVRecord) throws -> Void) throws {
        let matched = bomMatched
        bomMatched = 0
        guard matched > 0 else { return }
        let prefix: [UInt8] = [0xEF, 0xBB]
        try prefix.withUnsafeBufferPointer { try feed(UnsafeBufferPointer(rebasing: $0[0..<matched]), body) }
    }

    /// One piece of input: bytes that all lie on the current physical line, the last of which
    /// may be the CR or LF ending it (`terminated`).
    @inline(__always)
    private func piece(_ p: UnsafePointer<UInt8>, count: Int, terminated: Bool,
                       _ body: (CSVRecord) throws -> Void) throws {
        let pieceLine = line
        if !recordOpen {
            if terminated && count == 1 {
                // An empty line, or the LF of a CRLF: libcsv would skip it too.
                advanceLine(p[0], count: 1)
                return
            }
            recordOpen = true
            record.line = pieceLine
        }

        let room = maxRecordBytes - record.rawCount
        if count <= room {
            record.appendRaw(p, count: count)
        } else if !record.rawTruncated {
            if room > 0 { record.appendRaw(p, count: room) }
            record.rawTruncated = true
            if !recovering { takeOverFromLibcsv() }
        }

        var ended: Bool
        if recovering {
            ended = recovery.consume(p, count: count, line: pieceLine)
        } else {
            // libcsv calls the space function for nearly every byte, and that indirect call
            // alone cost ~18 % of the reading time. Its default (space and tab are spaces) parses
            // exactly the same fields once we trim them, except around a quote: it would accept
            // `a, "b"` and `"b" ,c`, which are bad quoting. So the function is installed only
            // for pieces where a space or tab touches a quote, and for pieces cut at a chunk
            // boundary (whose neighbour is not in view).
            let strictSpaces = !terminated || previousPieceUnterminated
                || Self.quoteTouchesSpace(p, count: count)
            if strictSpaces != spaceFunctionInstalled {
                csv_set_space_func(parser, strictSpaces ? libcsvNothingIsSpace : nil)
                spaceFunctionInstalled = strictSpaces
            }
            let wasInQuote = inQuotedField
            let fieldsBefore = record.fieldCount
            let consumed = csv_parse(parser, p, count, libcsvField, libcsvRowEnd, context)
            if consumed < count {
                guard csv_error(parser) == CSV_EPARSE else {
                    throw ExtractError(.cannotRead, file: file, line: record.line,
                                       message: "out of memory while reading this record")
                }
                // A bad quote at p[consumed]: a quote inside an unquoted field, or text after a
                // closing quote. Either way the lexer resumes inside an unquoted field.
                recovering = true
                recovery.state = .unquoted
                ended = recovery.consume(p + consumed, count: count - consumed, line: pieceLine)
            } else {
                ended = record.rowEnded
                if !ended && parser.pointee.pstate == rowNotBegun {
                    // Spaces and tabs only: with its default space function libcsv skipped
                    // them as a blank line, so no record began after all.
                    recordOpen = false
                    record.reset()
                } else if !ended && inQuotedField && (!wasInQuote || record.fieldCount != fieldsBefore) {
                    // A quoted field open now began on this line unless it was already open
                    // before this piece (no field completed in between).
                    quoteOpenLine = pieceLine
                }
            }
        }

        previousPieceUnterminated = !terminated
        if terminated {
            advanceLine(p[count - 1], count: count)
        } else {
            lastByteWasCR = false
        }
        if ended { try finishRecord(terminated: terminated, body) }
    }

    /// Whether a space or tab stands right before or after a quote somewhere in the piece.
    @inline(__always)
    private static func quoteTouchesSpace(_ p: UnsafePointer<UInt8>, count: Int) -> Bool {
        var i = 0
        while i < count {
            // memchr: glibc's vectorised search, quotes being rare in most extracts.
            guard let hit = memchr(p + i, 0x22, count - i) else { return false }
            let q = UnsafeRawPointer(hit) - UnsafeRawPointer(p)
            if q > 0, p[q - 1] == 0x20 || p[q - 1] == 0x09 { return true }
            if q + 1 < count, p[q + 1] == 0x20 || p[q + 1] == 0x09 { return true }
            i = q + 1
        }
        return false
    }

    /// libcsv is inside a quoted field (or just after a quote in one, which may be its end).
    private var inQuotedField: Bool {
        let state = parser.pointee.pstate
        return parser.pointee.quoted != 0 && (state == fieldBegun || state == fieldMightHaveEnded)
    }

    @inline(__always)
    private func advanceLine(_ terminator: UInt8, count: Int) {
        if terminator == 0x0D {
            line += 1
            lastByteWasCR = true
        } else {
            if !(lastByteWasCR && count == 1) { line += 1 }
            lastByteWasCR = false
        }
    }

    /// An oversized record: continue with the lexer from where libcsv is, and stop feeding
    /// libcsv (whose field buffer would grow with the record).
    private func takeOverFromLibcsv() {
        recovering = true
        switch parser.pointee.pstate {
        case fieldBegun:
            recovery.state = parser.pointee.quoted != 0 ? .quoted : .unquoted
            recovery.quoteLine = quoteOpenLine
        case fieldMightHaveEnded:
            recovery.state = .quotedMaybeEnd
        default:
            recovery.state = .fieldStart
        }
    }

    private func finishRecord(terminated: Bool, _ body: (CSVRecord) throws -> Void) throws {
        defer {
            record.reset()
            recordOpen = false
        }
        if terminated && !record.rawTruncated {
            record.dropLastRawByte()
        }
        if recovering {
            recovering = false
            resetLibcsv()
            record.defect = .badQuoting
        } else if record.isBlankLine {
            return
        }
        // bad_encoding takes precedence over bad_quoting (details.md #6). A truncated raw may
        // end inside a character, so it is not judged.
        if !record.rawTruncated && !UTF8Validator.isValidText(record.raw) {
            record.defect = .badEncoding
        }
        try body(record)
    }

    /// Puts libcsv back at the start of a record after a strict-mode error (it cannot resume on
    /// its own); what `csv_fini` does, minus submitting the half-read record.
    private func resetLibcsv() {
        parser.pointee.pstate = rowNotBegun
        parser.pointee.quoted = 0
        parser.pointee.spaces = 0
        parser.pointee.entry_pos = 0
        parser.pointee.status = 0
    }

    private func unterminatedQuote(_ line: Int) -> ExtractError {
        ExtractError(.unterminatedQuote, file: file, line: line,
                     message: "a quote opened on line \(line) is never closed")
    }
}
