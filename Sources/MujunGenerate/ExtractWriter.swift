import Foundation
import MujunIngest

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
    private var buffer: [UInt8] = []
    private let encoder: GB18030Encoder?
    private let lineEnding: [UInt8]
    private var fieldsInRow = 0
    /// Data rows written (the header is not one).
    private(set) var rows = 0
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
        buffer.reserveCapacity(ExtractWriter.flushThreshold + 64 * 1024)
        if format.byteOrderMark { buffer += [0xEF, 0xBB, 0xBF] }
    }

    deinit {
        if !finished {
            try? handle.close()
            try? FileManager.default.removeItem(at: partURL)
        }
    }

    /// The header record.
    func header(_ names: [String]) {
        for name in names { text(name) }
        buffer += lineEnding
        fieldsInRow = 0
    }

    @inline(__always)
    private func separator() {
        if fieldsInRow > 0 { buffer.append(0x2C) }
        fieldsInRow += 1
    }

    /// A text field, quoted only where RFC 4180 needs it.
    func text(_ value: String?) {
        separator()
        guard var value else { return }
        value.withUTF8 { bytes in
            var needsQuotes = false
            for byte in bytes where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
                needsQuotes = true
                break
            }
            if !needsQuotes {
                buffer.append(contentsOf: bytes)
                return
            }
            buffer.append(0x22)
            for byte in bytes {
                buffer.append(byte)
                if byte == 0x22 { buffer.append(0x22) }
            }
            buffer.append(0x22)
        }
    }

    /// An empty field (NULL).
    func empty() { separator() }

    /// Bytes written verbatim as a field (the caller guarantees no quoting is needed).
    func raw(_ value: StaticString) {
        separator()
        buffer.append(contentsOf: UnsafeBufferPointer(start: value.utf8Start, count: value.utf8CodeUnitCount))
    }

    /// An integer.
    func integer(_ value: Int) {
        separator()
        appendDigits(UInt64(value.magnitude), negative: value < 0, minimumDigits: 1)
    }

    /// An amount in cents as `-1234.50`, or with thousands separators, quoted (`"-1,234.50"`),
    /// the way the tax bureau's spreadsheet exports write money.
    func money(_ cents: Int64, grouped: Bool = false) {
        separator()
        let magnitude = cents.magnitude
        let units = magnitude / 100
        let fraction = magnitude % 100
        let quote = grouped && units >= 1000
        if quote { buffer.append(0x22) }
        if cents < 0 { buffer.append(0x2D) }
        if quote {
            appendGrouped(units)
        } else {
            appendDigits(units, negative: false, minimumDigits: 1)
        }
        buffer.append(0x2E)
        buffer.append(0x30 + UInt8(fraction / 10))
        buffer.append(0x30 + UInt8(fraction % 10))
        if quote { buffer.append(0x22) }
    }

    /// A date as `2024-03-05`, or `2024/3/5` (Excel's way) with `slashed`.
    func date(_ day: CalendarDay?, slashed: Bool = false) {
        separator()
        guard let day else { return }
        if slashed {
            appendDigits(UInt64(day.year), negative: false, minimumDigits: 4)
            buffer.append(0x2F)
            appendDigits(UInt64(day.month), negative: false, minimumDigits: 1)
            buffer.append(0x2F)
            appendDigits(UInt64(day.day), negative: false, minimumDigits: 1)
        } else {
            appendDigits(UInt64(day.year), negative: false, minimumDigits: 4)
            buffer.append(0x2D)
            appendDigits(UInt64(day.month), negative: false, minimumDigits: 2)
            buffer.append(0x2D)
            appendDigits(UInt64(day.day), negative: false, minimumDigits: 2)
        }
    }

    /// A month as `2024-03`, or `202403` with `compact`.
    func month(_ year: Int, _ month: Int, compact: Bool) {
        separator()
        appendDigits(UInt64(year), negative: false, minimumDigits: 4)
        if !compact { buffer.append(0x2D) }
        appendDigits(UInt64(month), negative: false, minimumDigits: 2)
    }

    /// Ends the row and returns the physical line it started on (the header is line 1; no
    /// field the generator writes holds a line break).
    @discardableResult
    func endRow() -> Int {
        buffer += lineEnding
        fieldsInRow = 0
        rows += 1
        return rows + 1
    }

    /// The line the next row will start on.
    var nextLine: Int { rows + 2 }

    /// Writes the buffer out once it is large enough (between rows only, so GB18030
    /// conversion always sees whole characters).
    func flushIfFull() throws {
        if buffer.count >= ExtractWriter.flushThreshold { try flush() }
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        let data: Data
        if let encoder {
            data = try buffer.withUnsafeBufferPointer { Data(try encoder.encode($0)) }
        } else {
            data = Data(buffer)
        }
        do {
            try handle.write(contentsOf: data)
        } catch {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path, NSUnderlyingErrorKey: error])
        }
        buffer.removeAll(keepingCapacity: true)
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

    @inline(__always)
    private func appendDigits(_ value: UInt64, negative: Bool, minimumDigits: Int) {
        if negative { buffer.append(0x2D) }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { store in
            repeat {
                store[count] = 0x30 + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0 || count < minimumDigits
            for index in stride(from: count - 1, through: 0, by: -1) { buffer.append(store[index]) }
        }
    }

    private func appendGrouped(_ value: UInt64) {
        if value >= 1000 {
            appendGrouped(value / 1000)
            buffer.append(0x2C)
            appendDigits(value % 1000, negative: false, minimumDigits: 3)
        } else {
            appendDigits(value, negative: false, minimumDigits: 1)
        }
    }
}
