/// One record of an extract, as `ExtractReader` hands it to its callback.
///
/// The reader reuses a single instance for every record of a file so that the hot path
/// (millions of rows) allocates nothing per row: field bytes live in one raw buffer, and field
/// offsets and lengths in two raw arrays, instead of Swift arrays of `String`s
/// (shared/notes/toolchain.md: raw buffers took 2 M rows from 2.65 s to 1.95 s).
/// Consequently nothing handed out here outlives the callback.
public final class CSVRecord {
    /// Physical line (1-based) where the record starts (CR, LF, CRLF each count as one line break).
    public internal(set) var line: Int {
        get { lineStorage }
        set { lineStorage = newValue }
    }

    /// nil, `.badQuoting` or `.badEncoding` (record-level defects; `.badEncoding` wins when a
    /// record has both, as spec details.md #6 orders them).
    ///
    /// A defective record's fields may be partial or empty: consumers only use `line` and
    /// `rawText` for it.
    public internal(set) var defect: RejectReason? {
        get { defectStorage }
        set { defectStorage = newValue }
    }

    /// Number of fields.
    public var count: Int { fieldCount }

    // MARK: Storage (filled by `RecordParser` through libcsv's field callback)
    //
    // Private stored properties behind the public ones: the optimiser can then see every access
    // and drop the dynamic exclusivity checks that a public stored `var` keeps (measured at ~7 %
    // of the reading time, mostly per-row calls to swift_beginAccess).

    private var lineStorage = 0
    private var defectStorage: RejectReason?
    /// Number of fields delivered so far for the current record.
    var fieldCount = 0
    /// Trimmed field bytes, back to back.
    private var bytes: UnsafeMutablePointer<UInt8>
    private var bytesCount = 0
    private var bytesCapacity: Int
    /// Offset of field i in `bytes`.
    private var starts: UnsafeMutablePointer<Int>
    /// Length of field i, or -1 for NULL.
    private var lengths: UnsafeMutablePointer<Int>
    private var fieldCapacity: Int

    /// The record's bytes as decoded, the final line break excluded once it is complete.
    private var rawStorage: UnsafeMutablePointer<UInt8>
    private(set) var rawCount = 0
    private var rawCapacity: Int
    /// `raw` holds only the first bytes of an oversized record (see `RecordParser.maxRecordBytes`).
    var rawTruncated = false
    /// In GB18030 mode the decoder writes an undecodable byte as 0xFF followed by that byte
    /// (0xFF never occurs in UTF-8), so `rawText` must print the byte after 0xFF, not 0xFF.
    var rawHasSentinels = false
    /// Set by libcsv's row callback: the record is complete.
    var rowEnded = false

    private var quotedFlags: UnsafeMutablePointer<Bool>
    private var quotedComputed = false
    private var cachedRawText: String?

    init() {
        bytesCapacity = 4096
        bytes = .allocate(capacity: bytesCapacity)
        fieldCapacity = 64
        starts = .allocate(capacity: fieldCapacity)
        lengths = .allocate(capacity: fieldCapacity)
        quotedFlags = .allocate(capacity: fieldCapacity)
        rawCapacity = 4096
        rawStorage = .allocate(capacity: rawCapacity)
    }

    /// A record built from values, for tests of code that consumes records (the row checks):
    /// fields are trimmed and NULLs made exactly as when read from a file, and `rawText` is the
    /// record as a CSV writer would quote it.
    convenience init(line: Int, fields: [String?]) {
        self.init()
        self.line = line
        for (i, value) in fields.enumerated() {
            var text = value ?? ""
            text.withUTF8 { appendField($0.baseAddress, $0.count) }
            let needsQuotes = text.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            let escaped = String(text.flatMap { $0 == "\"" ? ["\"", "\""] : [$0] })
            var rawPart = (i > 0 ? "," : "") + (needsQuotes ? "\"" + escaped + "\"" : text)
            rawPart.withUTF8 { part in
                if let base = part.baseAddress { appendRaw(base, count: part.count) }
            }
        }
    }

    deinit {
        bytes.deallocate()
        starts.deallocate()
        lengths.deallocate()
        quotedFlags.deallocate()
        rawStorage.deallocate()
    }

    // MARK: Public accessors

    /// Field i, trimmed of ASCII space, tab and U+3000 at both ends; nil when NULL
    /// (empty, `""`, or whitespace-only — details.md #4/#5). Bytes are UTF-8 (valid unless
    /// `defect == .badEncoding`). Valid only until the reader's callback returns.
    @inline(__always)
    public func field(_ i: Int) -> UnsafeBufferPointer<UInt8>? {
        precondition(i >= 0 && i < fieldCount, "field index \(i) out of range 0..<\(fieldCount)")
        let length = lengths[i]
        if length < 0 { return nil }
        return UnsafeBufferPointer(start: bytes + starts[i], count: length)
    }

    /// Whether field i was quoted in the file (a thousands separator is only allowed inside a
    /// quoted number, details.md #9).
    ///
    /// Worked out lazily from the raw record: libcsv's field callback does not say whether the
    /// field was quoted, and most consumers never ask.
    public func isQuoted(_ i: Int) -> Bool {
        precondition(i >= 0 && i < fieldCount, "field index \(i) out of range 0..<\(fieldCount)")
        if !quotedComputed { computeQuotedFlags() }
        return quotedFlags[i]
    }

    /// Field i as a `String` (invalid UTF-8 replaced by U+FFFD); nil when NULL. A convenience for
    /// headers and tests, not for the hot path.
    public func string(_ i: Int) -> String? {
        guard let buffer = field(i) else { return nil }
        return String(decoding: buffer, as: UTF8.self)
    }

    /// The record as decoded text without its final line break, each byte that is not valid
    /// UTF-8 (and each NUL) written as `\xNN` (details.md #67), so that it can be stored in
    /// PostgreSQL and written to a UTF-8 rejects file. Built lazily: only rejects need it.
    public var rawText: String {
        if let cachedRawText { return cachedRawText }
        let text = UTF8Validator.escapedText(raw, sentinels: rawHasSentinels)
            + (rawTruncated ? "…" : "")
        cachedRawText = text
        return text
    }

    // MARK: Filling (RecordParser)

    /// Forgets the previous record; keeps the buffers.
    func reset() {
        fieldCount = 0
        bytesCount = 0
        defect = nil
        rowEnded = false
        quotedComputed = false
        cachedRawText = nil
        rawTruncated = false
        rawCount = 0
    }

    /// The record's raw bytes so far (see `appendRaw`).
    var raw: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: rawStorage, count: rawCount)
    }

    /// Keeps the record's bytes as decoded (UTF-8, possibly invalid), quotes and inner line
    /// breaks included: rejects must show the record as it was (details.md #67), and
    /// `isQuoted` re-reads it.
    @inline(__always)
    func appendRaw(_ p: UnsafePointer<UInt8>, count n: Int) {
        if rawCount + n > rawCapacity { growRaw(toAtLeast: rawCount + n) }
        (rawStorage + rawCount).update(from: p, count: n)
        rawCount += n
    }

    /// Drops the line break that ended the record.
    func dropLastRawByte() {
        if rawCount > 0 { rawCount -= 1 }
    }

    /// Appends one field as libcsv delivers it (unescaped), trimming ASCII space, tab and
    /// U+3000 (E3 80 80) at both ends; an empty result is NULL.
    @inline(__always)
    func appendField(_ data: UnsafeRawPointer?, _ length: Int) {
        if fieldCount == fieldCapacity { growFields() }
        guard let data, length > 0 else {
            lengths[fieldCount] = -1
            fieldCount += 1
            return
        }
        let p = data.assumingMemoryBound(to: UInt8.self)
        var start = 0
        var end = length
        while start < end {
            let b = p[start]
            if b == 0x20 || b == 0x09 {
                start += 1
            } else if b == 0xE3, end - start >= 3, p[start + 1] == 0x80, p[start + 2] == 0x80 {
                start += 3
            } else {
                break
            }
        }
        while end > start {
            let b = p[end - 1]
            if b == 0x20 || b == 0x09 {
                end -= 1
            } else if b == 0x80, end - start >= 3, p[end - 2] == 0x80, p[end - 3] == 0xE3 {
                end -= 3
            } else {
                break
            }
        }
        let n = end - start
        if n == 0 {
            lengths[fieldCount] = -1
        } else {
            if bytesCount + n > bytesCapacity { growBytes(toAtLeast: bytesCount + n) }
            (bytes + bytesCount).update(from: p + start, count: n)
            starts[fieldCount] = bytesCount
            lengths[fieldCount] = n
            bytesCount += n
        }
        fieldCount += 1
    }

    /// A line holding only spaces, tabs or U+3000, unquoted, is blank (details.md #2): libcsv
    /// (with no space function) reads it as one field, which trimming made NULL.
    var isBlankLine: Bool {
        guard fieldCount == 1, lengths[0] < 0, !rawTruncated else { return false }
        let r = raw
        var i = 0
        while i < r.count {
            let b = r[i]
            if b == 0x20 || b == 0x09 {
                i += 1
            } else if b == 0xE3, i + 2 < r.count, r[i + 1] == 0x80, r[i + 2] == 0x80 {
                i += 3
            } else {
                return false
            }
        }
        return true
    }

    // MARK: Private

    private func growFields() {
        let newCapacity = fieldCapacity * 2
        let newStarts = UnsafeMutablePointer<Int>.allocate(capacity: newCapacity)
        let newLengths = UnsafeMutablePointer<Int>.allocate(capacity: newCapacity)
        newStarts.update(from: starts, count: fieldCount)
        newLengths.update(from: lengths, count: fieldCount)
        starts.deallocate()
        lengths.deallocate()
        starts = newStarts
        lengths = newLengths
        // The flags are recomputed per record, so their old contents need not be kept.
        quotedFlags.deallocate()
        quotedFlags = .allocate(capacity: newCapacity)
        fieldCapacity = newCapacity
    }

    private func growBytes(toAtLeast needed: Int) {
        var newCapacity = bytesCapacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBytes.update(from: bytes, count: bytesCount)
        bytes.deallocate()
        bytes = newBytes
        bytesCapacity = newCapacity
    }

    private func growRaw(toAtLeast needed: Int) {
        var newCapacity = rawCapacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newRaw = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newRaw.update(from: rawStorage, count: rawCount)
        rawStorage.deallocate()
        rawStorage = newRaw
        rawCapacity = newCapacity
    }

    /// Lexes the raw record once to find which fields opened with a quote. A well-formed record
    /// (the only kind whose fields consumers read) has its quote as the field's first byte.
    private func computeQuotedFlags() {
        quotedComputed = true
        let r = raw
        var field = 0
        var i = 0
        var atFieldStart = true
        var inQuotes = false
        for f in 0..<fieldCount { quotedFlags[f] = false }
        while i < r.count {
            let b = r[i]
            i += 1
            if inQuotes {
                if b == 0x22 {
                    if i < r.count, r[i] == 0x22 { i += 1 } else { inQuotes = false }
                }
            } else if b == 0x2C {
                field += 1
                atFieldStart = true
            } else {
                if atFieldStart, b == 0x22 {
                    inQuotes = true
                    if field < fieldCount { quotedFlags[field] = true }
                }
                atFieldStart = false
            }
        }
    }
}
