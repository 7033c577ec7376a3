import Foundation
import MujunCore

/// Writes one CSV extract, streaming: rows are formatted straight into a byte buffer that is
/// flushed (and converted to GB18030 when asked) every megabyte, so memory stays flat
/// whatever the county's size.
///
/// The file is written under a `.part` name and renamed when finished, so a drop folder never
/// sees half a file (and the inbox ignores names not ending `.csv`).
///
/// ```swift
/// let w = try ExtractWriter(url: dir.appendingPathComponent("tax_2024-12-31.csv"), format: format)
/// w.header(["uscc", "period", "vat"])
/// w.text(code); w.month(2024, 1, compact: false); w.money(12_345_00, grouped: false)
/// let line = w.endRow()   // the physical line the row starts on
/// try w.finish()
/// ```
final class ExtractWriter {
    let url: URL
    let format: ExtractFormat
    private let partURL: URL
    private let handle: FileHandle
    private let encoder: GB18030Encoder?
    private let lineEnding: [UInt8]
    // The row buffer. Raw memory with exclusivity checks off (one writer, one thread): as in
    // the ingest path (shared/notes/toolchain.md), an `[UInt8]` on a class paid for an
    // exclusivity check per append, a quarter of the generator's time.
    @exclusivity(unchecked) private var storage: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var count = 0
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private var fieldsInRow = 0
    /// Data rows written (the header is not one).
    @exclusivity(unchecked) private(set) var rows = 0
    private var finished = false

    static let flushThreshold = 1 << 20

    init(url: URL, format: ExtractFormat) throws {
        self.url = url
        self.format = format
        partURL = url.appendingPathExtension("part")
        let manager = FileManager.default
        try? manager.removeItem(at: partURL)
        guard manager.createFile(atPath: partURL.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: partURL.path])
        }
        handle = try FileHandle(forWritingTo: partURL)
        encoder = format.encoding == .gb18030 ? try GB18030Encoder() : nil
        lineEnding = format.lineEnding.bytes
        capacity = ExtractWriter.flushThreshold + 256 * 1024
        storage = .allocate(capacity: capacity)
        if format.byteOrderMark { for byte: UInt8 in [0xEF, 0xBB, 0xBF] { put(byte) } }
    }

    deinit {
        storage.deallocate()
        if !finished {
            try? handle.close()
            try? FileManager.default.removeItem(at: partURL)
        }
    }

    /// Room for `bytes` more bytes.
    @inline(__always)
    private func reserve(_ bytes: Int) {
        if count &+ bytes > capacity { grow(count + bytes) }
    }

    private func grow(_ needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStorage.update(from: storage, count: count)
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
    }

    /// Appends one byte; the caller has reserved room.
    @inline(__always)
    private func put(_ byte: UInt8) {
        storage[count] = byte
        count &+= 1
    }

    /// The header record.
    func header(_ names: [String]) {
        for name in names { text(name) }
        endLine()
        fieldsInRow = 0
    }

    @inline(__always)
    private func separator() {
        reserve(48)
        if fieldsInRow > 0 { put(0x2C) }
        fieldsInRow &+= 1
    }

    /// A text field, quoted only where RFC 4180 needs it.
    func text(_ value: String?) {
        separator()
        guard var value else { return }
        value.withUTF8 { bytes in
            reserve(2 * bytes.count + 2)
            var needsQuotes = false
            for byte in bytes where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
                needsQuotes = true
                break
            }
            if !needsQuotes {
                if let base = bytes.baseAddress { (storage + count).update(from: base, count: bytes.count) }
                count &+= bytes.count
                return
            }
            put(0x22)
            for byte in bytes {
                put(byte)
                if byte == 0x22 { put(0x22) }
            }
            put(0x22)
        }
    }

    /// An empty field (NULL).
    func empty() { separator() }

    /// Bytes written verbatim as a field (the caller guarantees no quoting is needed).
    func raw(_ value: StaticString) {
        separator()
        reserve(value.utf8CodeUnitCount)
        (storage + count).update(from: value.utf8Start, count: value.utf8CodeUnitCount)
        count &+= value.utf8CodeUnitCount
    }

    /// An integer.
    func integer(_ value: Int) {
        separator()
        if value < 0 { put(0x2D) }
        appendDigits(UInt64(value.magnitude), minimumDigits: 1)
    }

    /// An amount in cents as `-1234.50`, or with thousands separators, quoted (`"-1,234.50"`),
    /// the way the tax bureau's spreadsheet exports write money.
    func money(_ cents: Int64, grouped: Bool = false) {
        separator()
        let magnitude = cents.magnitude
        let units = magnitude / 100
        let fraction = magnitude % 100
        let quote = grouped && units >= 1000
        if quote { put(0x22) }
        if cents < 0 { put(0x2D) }
        if quote {
            appendGrouped(units)
        } else {
            appendDigits(units, minimumDigits: 1)
        }
        put(0x2E)
        put(0x30 &+ UInt8(fraction / 10))
        put(0x30 &+ UInt8(fraction % 10))
        if quote { put(0x22) }
    }

    /// A date as `2024-03-05`, or `2024/3/5` (Excel's way) with `slashed`.
    func date(_ day: CalendarDay?, slashed: Bool = false) {
        separator()
        guard let day else { return }
        appendDigits(UInt64(day.year), minimumDigits: 4)
        put(slashed ? 0x2F : 0x2D)
        appendDigits(UInt64(day.month), minimumDigits: slashed ? 1 : 2)
        put(slashed ? 0x2F : 0x2D)
        appendDigits(UInt64(day.day), minimumDigits: slashed ? 1 : 2)
    }

    /// A month as `2024-03`, or `202403` with `compact`.
    func month(_ year: Int, _ month: Int, compact: Bool) {
        separator()
        appendDigits(UInt64(year), minimumDigits: 4)
        if !compact { put(0x2D) }
        appendDigits(UInt64(month), minimumDigits: 2)
    }

    private func endLine() {
        reserve(2)
        for byte in lineEnding { put(byte) }
    }

    /// Ends the row and returns the physical line it started on (the header is line 1; no
    /// field the generator writes holds a line break).
    @discardableResult
    func endRow() -> Int {
        endLine()
        fieldsInRow = 0
        rows &+= 1
        return rows + 1
    }

    /// The line the next row will start on.
    var nextLine: Int { rows + 2 }

    /// Writes the buffer out once it is large enough (between rows only, so GB18030
    /// conversion always sees whole characters).
    func flushIfFull() throws {
        if count >= ExtractWriter.flushThreshold { try flush() }
    }

    private func flush() throws {
        guard count > 0 else { return }
        let pending = UnsafeBufferPointer(start: storage, count: count)
        let data = try encoder.map { Data(try $0.encode(pending)) } ?? Data(pending)
        do {
            try handle.write(contentsOf: data)
        } catch {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path, NSUnderlyingErrorKey: error])
        }
        count = 0
    }

    /// Flushes, closes and renames the file into place.
    func finish() throws {
        try flush()
        do {
            try handle.synchronize()
            try handle.close()
            let manager = FileManager.default
            try? manager.removeItem(at: url)
            try manager.moveItem(at: partURL, to: url)
        } catch {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path, NSUnderlyingErrorKey: error])
        }
        finished = true
    }

    // MARK: Digits

    /// Decimal digits of `value`, zero-padded to `minimumDigits` (room is reserved by
    /// `separator()`: at most 20 digits).
    @inline(__always)
    private func appendDigits(_ value: UInt64, minimumDigits: Int) {
        var digits = 1
        var rest = value
        while rest >= 10 { rest /= 10; digits &+= 1 }
        if digits < minimumDigits { digits = minimumDigits }
        rest = value
        var position = count &+ digits &- 1
        for _ in 0..<digits {
            storage[position] = 0x30 &+ UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
            position &-= 1
        }
        count &+= digits
    }

    private func appendGrouped(_ value: UInt64) {
        if value >= 1000 {
            appendGrouped(value / 1000)
            put(0x2C)
            appendDigits(value % 1000, minimumDigits: 3)
        } else {
            appendDigits(value, minimumDigits: 1)
        }
    }
}
