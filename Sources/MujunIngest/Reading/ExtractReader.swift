import Glibc

/// Streams the records of one CSV extract (spec extracts.md "Rules common to every kind",
/// details.md #1–#7, #19, #67–#69, #79): RFC 4180 through libcsv, UTF-8 or GB18030, in fixed-size
/// chunks so that a 5 GB file reads in flat memory.
///
/// ```swift
/// let reader = try ExtractReader(path: path, encoding: .auto)
/// try reader.forEachRecord { record in
///     if let defect = record.defect { reject(record.line, defect, record.rawText); return }
///     for i in 0..<record.count { use(record.field(i)) }
/// }
/// ```
public final class ExtractReader {
    /// `.utf8` or `.gb18030` once decided (`.auto` is decided in `init`).
    public private(set) var resolvedEncoding: ExtractEncoding
    /// Bytes of the file read so far by `forEachRecord`, for progress bars.
    public private(set) var bytesConsumed: Int = 0
    /// Size of the file in bytes when it was opened.
    public let fileSize: Int

    /// The path as given, used in error messages.
    public let path: String
    private let descriptor: Int32
    private let chunkSize: Int
    private let maxRecordBytes: Int

    /// Opens the file; throws `ExtractError(.cannotRead)` if it is missing or unreadable, and
    /// `(.notCSV)` for an Excel workbook (details.md #79).
    ///
    /// In `.auto` mode decides the encoding (details.md #69): a streaming pre-scan of the whole
    /// file counts the physical lines holding invalid UTF-8; when `invalidLines / nonBlankLines`
    /// is above `maxInvalidLineRatio` the file is GB18030, else UTF-8 (and its invalid rows will
    /// be `bad_encoding`). Pass the batch's reject limit as the ratio.
    public convenience init(path: String, encoding: ExtractEncoding, maxInvalidLineRatio: Double = 0.05) throws {
        try self.init(path: path, encoding: encoding, maxInvalidLineRatio: maxInvalidLineRatio,
                      chunkSize: 64 * 1024, maxRecordBytes: ExtractReader.recordLimitBytes)
    }

    /// The longest record read whole (64 MiB); a longer one is kept cut short and rejected.
    public static let recordLimitBytes = 64 * 1024 * 1024

    /// `chunkSize` and `maxRecordBytes` are injectable so tests can split every construct across
    /// chunk boundaries and exercise the oversized-record path with small files.
    init(path: String, encoding: ExtractEncoding, maxInvalidLineRatio: Double,
         chunkSize: Int, maxRecordBytes: Int) throws {
        precondition(chunkSize > 0 && maxRecordBytes > 0)
        try RegularFile.require(path)
        // O_NONBLOCK: should a FIFO take the file's place after the check, open returns at once
        // (fstat below refuses it) instead of waiting for a writer; regular files ignore it.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 {
            throw ExtractError(.cannotRead, file: path, message: "cannot open the file: \(Self.describe(errno))")
        }
        // Close on every refusal below; from the end of init on, deinit owns the descriptor.
        var handedOver = false
        defer { if !handedOver { close(fd) } }

        var info = stat()
        if fstat(fd, &info) != 0 {
            throw ExtractError(.cannotRead, file: path, message: "cannot read the file: \(Self.describe(errno))")
        }
        if (info.st_mode & S_IFMT) != S_IFREG {
            throw ExtractError(.notARegularFile, file: path, message: "no longer a regular file when opened: refused")
        }
        try Self.refuseWorkbooks(fd, path: path)

        var resolved = encoding
        if encoding == .auto {
            resolved = try Self.sniff(fd, path: path, chunkSize: chunkSize, maxInvalidLineRatio: maxInvalidLineRatio)
            // A UTF-8 byte-order mark says UTF-8; a body that is not says the file was saved
            // wrongly (a GB18030 text behind a mark some editor added), not that it is GB18030.
            if resolved == .gb18030 { try Self.refuseUTF8MarkOnOtherText(path) }
        }

        self.path = path
        descriptor = fd
        fileSize = Int(info.st_size)
        resolvedEncoding = resolved
        self.chunkSize = chunkSize
        self.maxRecordBytes = maxRecordBytes
        handedOver = true
    }

    deinit {
        close(descriptor)
    }

    /// Streams every non-blank record (header included: it is simply the first record) to
    /// `body`, in order. Each call reads the file from its start.
    ///
    /// Throws `ExtractError(.unterminatedQuote, line:)` naming the line where a quote opened
    /// when it is still open at the end of the file (records before it have been delivered by
    /// then: the caller refuses the whole file). Rethrows `body`'s errors.
    /// Sees every raw chunk of the file as it is read, before decoding: the loader hashes the
    /// file and judges `--encoding auto` in the same pass as the load.
    public var chunkObserver: ((UnsafeBufferPointer<UInt8>) -> Void)?

    public func forEachRecord(_ body: (CSVRecord) throws -> Void) throws {
        let record = CSVRecord()
        record.rawHasSentinels = resolvedEncoding == .gb18030
        let parser = RecordParser(record: record, file: path, maxRecordBytes: maxRecordBytes)
        let decoder = resolvedEncoding == .gb18030 ? try GB18030Decoder(file: path) : nil
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
        defer { buffer.deallocate() }

        bytesConsumed = 0
        var offset = 0
        while true {
            let n = try readChunk(buffer, at: offset)
            if n == 0 { break }
            offset += n
            bytesConsumed = offset
            let chunk = UnsafeBufferPointer(start: buffer, count: n)
            chunkObserver?(chunk)
            if let decoder {
                try parser.feed(decoder.decode(chunk, final: false), body)
            } else {
                try parser.feed(chunk, body)
            }
        }
        if let decoder {
            try parser.feed(decoder.decode(UnsafeBufferPointer(start: buffer, count: 0), final: true), body)
        }
        try parser.finish(body)
    }

    // MARK: Private

    /// Reads up to `chunkSize` bytes at `offset` (pread: no shared file position to manage).
    private func readChunk(_ buffer: UnsafeMutablePointer<UInt8>, at offset: Int) throws -> Int {
        try Self.readChunk(descriptor, buffer, count: chunkSize, at: offset, path: path)
    }

    private static func readChunk(_ fd: Int32, _ buffer: UnsafeMutablePointer<UInt8>, count: Int,
                                  at offset: Int, path: String) throws -> Int {
        while true {
            let n = pread(fd, buffer, count, off_t(offset))
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw ExtractError(.cannotRead, file: path, message: "cannot read the file: \(describe(errno))")
        }
    }

    /// An `.xlsx` is a ZIP archive, an `.xls` an OLE2 compound file; both are refused with a
    /// message saying what to do, rather than read as garbage rows.
    private static func refuseWorkbooks(_ fd: Int32, path: String) throws {
        let head = UnsafeMutablePointer<UInt8>.allocate(capacity: 8)
        defer { head.deallocate() }
        var got = 0
        while got < 8 {
            let n = try readChunk(fd, head + got, count: 8 - got, at: got, path: path)
            if n == 0 { break }
            got += n
        }
        if got >= 4 && head[0] == 0x50 && head[1] == 0x4B && head[2] == 0x03 && head[3] == 0x04 {
            throw ExtractError(.notCSV, file: path,
                               message: "this is an Excel workbook; export it as CSV")
        }
        // UTF-16 and UTF-32 text (what Excel's "Unicode text" saves): every other byte is 0, which
        // would read as a header without any required column. Say what it is (issue 16 item 11).
        let bom = Array(UnsafeBufferPointer(start: head, count: got))
        for (mark, name) in [([0xFF, 0xFE, 0x00, 0x00], "UTF-32LE"), ([0x00, 0x00, 0xFE, 0xFF], "UTF-32BE"),
                             ([0xFF, 0xFE], "UTF-16LE"), ([0xFE, 0xFF], "UTF-16BE")] as [([UInt8], String)]
        where bom.starts(with: mark) {
            throw ExtractError(.notCSV, file: path, message: "this is \(name) text (its byte-order mark is "
                + mark.map { String(format: "%02X", $0) }.joined(separator: " ")
                + "); extracts must be UTF-8 or GB18030: save it again as CSV UTF-8")
        }
        let ole2: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        if got == 8 && (0..<8).allSatisfy({ head[$0] == ole2[$0] }) {
            throw ExtractError(.notCSV, file: path,
                               message: "this is an Excel 97-2003 workbook; export it as CSV")
        }
    }

    /// Refuses a file judged not to be UTF-8 that starts with a UTF-8 byte-order mark: the mark
    /// says UTF-8, so the text was saved wrongly (GB18030 behind a mark some editor added), and
    /// reading it as GB18030 would only fail on a garbled first header cell (issue 16 item 11).
    static func refuseUTF8MarkOnOtherText(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var head: [UInt8] = [0, 0, 0]
        let got = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 3, 0) }
        guard got == 3, head == [0xEF, 0xBB, 0xBF] else { return }
        throw ExtractError(.notCSV, file: path, message: "this file starts with a UTF-8 byte-order mark (EF BB BF) "
            + "but its text is not UTF-8 (GB18030?): save it again in one encoding, UTF-8 or GB18030")
    }

    /// The `.auto` pre-scan (details.md #69), one streaming pass in flat memory.
    private static func sniff(_ fd: Int32, path: String, chunkSize: Int, maxInvalidLineRatio: Double) throws -> ExtractEncoding {
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
        defer { buffer.deallocate() }
        var sniffer = EncodingSniffer()
        var offset = 0
        while true {
            let n = try readChunk(fd, buffer, count: chunkSize, at: offset, path: path)
            if n == 0 { break }
            offset += n
            sniffer.scan(buffer, count: n)
        }
        sniffer.finish()
        return sniffer.decision(maxInvalidLineRatio: maxInvalidLineRatio)
    }

    private static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
