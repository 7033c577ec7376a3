import MujunIngest
import Testing

extension Fields {
    /// Text in COPY text format (details #68) and power account numbers (details #13).
    @Suite("Text and account fields")
    struct TextFieldTests {
        @Test("text is COPY-escaped", arguments: [
            ("江阴市某某机械有限公司", Outcome.ok("江阴市某某机械有限公司")),
            ("a\\b", .ok("a\\\\b")),
            ("a\tb", .ok("a\\tb")),
            ("line1\nline2", .ok("line1\\nline2")),
            ("line1\r\nline2", .ok("line1\\r\\nline2")),
            ("\\N", .ok("\\\\N")),                // not read back as NULL
            ("\\.", .ok("\\\\.")),                // not the end-of-data marker
            ("NULL", .ok("NULL")),
            ("\\", .ok("\\\\")),
            ("\t\t", .ok("\\t\\t")),
            ("x\u{1}y", .ok("x\u{1}y")),          // other control bytes are data
            ("a\u{0}b", .reject(.badEncoding)),
            ("\u{0}", .reject(.badEncoding)),
            ("\"quoted\", comma", .ok("\"quoted\", comma")),
        ])
        func text(_ input: String, _ expected: Outcome) {
            #expect(parse(.text, input) == expected, "\(input.debugDescription)")
        }

        @Test("the String overload escapes the same way")
        func stringOverload() throws {
            let out = ByteBuffer(capacity: 16)
            try CopyText.append("a\tb\\c\n", to: out)
            #expect(String(decoding: out.bytes, as: UTF8.self) == "a\\tb\\\\c\\n")
            #expect(throws: RejectReason.badEncoding) { try CopyText.append("a\u{0}", to: out) }
        }

        @Test("account numbers: ASCII digits, leading zeros kept", arguments: [
            ("0012345678", Outcome.ok("0012345678")),
            ("3300123456789", .ok("3300123456789")),
            ("0", .ok("0")),
            ("12345-6", .reject(.outOfRange)),
            ("A123", .reject(.outOfRange)),
            ("１２３", .reject(.outOfRange)),
            ("123 456", .reject(.outOfRange)),
            ("1.5", .reject(.outOfRange)),
            ("", .reject(.outOfRange)),
        ])
        func accounts(_ input: String, _ expected: Outcome) {
            #expect(parse(.accountDigits, input) == expected, "\(input)")
        }
    }
}
