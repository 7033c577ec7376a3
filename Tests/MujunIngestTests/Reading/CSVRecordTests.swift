@testable import MujunIngest
import Testing

extension Reading {
    /// `CSVRecord` on its own: the test-only initialiser and the raw-text escaping.
    @Suite("CSVRecord")
    struct CSVRecordTests {
        @Test("a record built from values trims, makes NULLs and quotes its raw text like a file")
        func fromValues() {
            let record = CSVRecord(line: 7, fields: [" 9132 ", nil, "", "\u{3000}", "a,b", "say \"hi\""])
            #expect(Reading.snapshot(record) == .ok(
                7, ["9132", nil, nil, nil, "a,b", "say \"hi\""],
                raw: " 9132 ,,,\u{3000},\"a,b\",\"say \"\"hi\"\"\"",
                quoted: [false, false, false, false, true, true]))
            #expect(record.defect == nil)
        }

        @Test("raw text shows invalid bytes and NUL as \\xNN, keeping valid text")
        func escaping() {
            let bytes: [UInt8] = [0x61, 0x00, 0xE6, 0xB1, 0x9F, 0xE6, 0xB1, 0x2C, 0xFF, 0xF0, 0x9F, 0x98, 0x80]
            let text = bytes.withUnsafeBufferPointer { UTF8Validator.escapedText($0, sentinels: false) }
            #expect(text == "a\\x00江\\xE6\\xB1,\\xFF😀")
            #expect(bytes.withUnsafeBufferPointer { UTF8Validator.isValidText($0) } == false)
        }

        @Test("in GB18030 mode the byte after the 0xFF marker is the one shown")
        func sentinels() {
            let bytes: [UInt8] = [0x31, 0xFF, 0x80, 0xE6, 0xB1, 0x9F, 0xFF, 0xFF]
            let text = bytes.withUnsafeBufferPointer { UTF8Validator.escapedText($0, sentinels: true) }
            #expect(text == "1\\x80江\\xFF")
        }

        @Test("long ASCII runs around a NUL or an invalid byte are checked word by word", arguments: 0..<24)
        func validatorOffsets(position: Int) {
            var bytes = [UInt8](repeating: 0x41, count: 24)
            #expect(bytes.withUnsafeBufferPointer { UTF8Validator.isValidText($0) })
            bytes[position] = 0x00
            #expect(!bytes.withUnsafeBufferPointer { UTF8Validator.isValidText($0) })
            bytes[position] = 0xB1
            #expect(!bytes.withUnsafeBufferPointer { UTF8Validator.isValidText($0) })
            bytes[position] = 0xC3
            if position + 1 < bytes.count { bytes[position + 1] = 0xA9 }   // é
            #expect(bytes.withUnsafeBufferPointer { UTF8Validator.isValidText($0) } == (position + 1 < bytes.count))
        }
    }
}
