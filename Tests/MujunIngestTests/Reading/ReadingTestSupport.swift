import Foundation
import Glibc
@testable import MujunIngest
import MujunTestSupport
import Testing

/// Groups the record reader suites, so that `swift test --filter Reading` selects them all.
@Suite("Extract reading")
enum Reading {}

extension Reading {
    /// Everything a test wants to compare about one delivered record, copied out of the reused
    /// `CSVRecord` while the callback runs.
    struct Row: Equatable, CustomStringConvertible {
        var line: Int
        var fields: [String?]
        var defect: RejectReason?
        var raw: String
        var quoted: [Bool]

        /// A clean record; `quoted` is only compared when given.
        static func ok(_ line: Int, _ fields: [String?], raw: String, quoted: [Bool]? = nil) -> Row {
            Row(line: line, fields: fields, defect: nil, raw: raw, quoted: quoted ?? [])
        }

        /// A rejected record: only the line, the reason and the raw text matter.
        static func bad(_ line: Int, _ defect: RejectReason, raw: String) -> Row {
            Row(line: line, fields: [], defect: defect, raw: raw, quoted: [])
        }

        static func == (a: Row, b: Row) -> Bool {
            guard a.line == b.line, a.defect == b.defect, a.raw == b.raw else { return false }
            // A defective record's fields may be partial: never compared.
            if a.defect != nil { return true }
            guard a.fields == b.fields else { return false }
            return a.quoted.isEmpty || b.quoted.isEmpty || a.quoted == b.quoted
        }

        var description: String {
            let shown = fields.map { $0.map { "\"\($0)\"" } ?? "NULL" }.joined(separator: ", ")
            return "line \(line) \(defect?.rawValue ?? "ok") [\(shown)] raw=\(raw.debugDescription)"
        }
    }

    /// What reading a file gave: the records delivered, the encoding used, and the error that
    /// ended it, if any.
    struct Outcome {
        var rows: [Row]
        var encoding: ExtractEncoding
        var error: ExtractError?
        var fileSize: Int
        var bytesConsumed: Int
    }

    /// Writes `bytes` to a fresh temporary file and reads it back.
    static func read(_ bytes: [UInt8], encoding: ExtractEncoding = .auto, maxInvalidLineRatio: Double = 0.05,
                     chunkSize: Int = 64 * 1024, maxRecordBytes: Int = 64 * 1024 * 1024) throws -> Outcome {
        let folder = try TemporaryDirectory()
        let url = try folder.write("extract.csv", Data(bytes))
        let reader = try ExtractReader(path: url.path, encoding: encoding, maxInvalidLineRatio: maxInvalidLineRatio,
                                       chunkSize: chunkSize, maxRecordBytes: maxRecordBytes)
        var rows: [Row] = []
        var failure: ExtractError?
        do {
            try reader.forEachRecord { record in rows.append(snapshot(record)) }
        } catch let error as ExtractError {
            failure = error
        }
        return Outcome(rows: rows, encoding: reader.resolvedEncoding, error: failure,
                       fileSize: reader.fileSize, bytesConsumed: reader.bytesConsumed)
    }

    /// Reads UTF-8 text; fails the test on a file-level error.
    static func rows(_ text: String, encoding: ExtractEncoding = .auto, chunkSize: Int = 64 * 1024) throws -> [Row] {
        try rows(Array(text.utf8), encoding: encoding, chunkSize: chunkSize)
    }

    static func rows(_ bytes: [UInt8], encoding: ExtractEncoding = .auto, chunkSize: Int = 64 * 1024) throws -> [Row] {
        let outcome = try read(bytes, encoding: encoding, chunkSize: chunkSize)
        if let error = outcome.error { Issue.record("unexpected error: \(error)") }
        return outcome.rows
    }

    static func snapshot(_ record: CSVRecord) -> Row {
        var fields: [String?] = []
        var quoted: [Bool] = []
        for i in 0..<record.count {
            fields.append(record.string(i))
            quoted.append(record.isQuoted(i))
        }
        return Row(line: record.line, fields: fields, defect: record.defect, raw: record.rawText, quoted: quoted)
    }

    /// `text` encoded as GB18030 by glibc's iconv (independent of the reader's decoding path,
    /// which goes the other way).
    static func gb18030(_ text: String) -> [UInt8] {
        let cd = iconv_open("GB18030", "UTF-8")
        precondition(cd != iconv_t(bitPattern: -1), "iconv lacks GB18030")
        defer { iconv_close(cd) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
        let produced = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outLeft = outBuffer.count
                let result = iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft)
                precondition(result != -1 && inLeft == 0, "cannot encode \(text) as GB18030")
                return outBuffer.count - outLeft
            }
        }
        return Array(output[0..<produced])
    }
}
