import Foundation
@testable import MujunIngest
import Testing

extension Reading {
    /// UTF-8 validation, GB18030 decoding and the `auto` decision (details.md #19, #67–#69).
    @Suite("ExtractReader: encodings")
    struct ExtractReaderEncodingTests {
        static let header = "统一社会信用代码,企业名称\r\n"

        @Test("the test's GB18030 encoder is the real thing")
        func encoderSanity() {
            #expect(Reading.gb18030("统一") == [0xCD, 0xB3, 0xD2, 0xBB])
            #expect(Reading.gb18030("\u{3000}") == [0xA1, 0xA1])
            #expect(Reading.gb18030("𠀀") == [0x95, 0x32, 0x82, 0x36])  // a four-byte sequence
        }

        @Test("utf8 mode: a row of invalid UTF-8 is bad_encoding with \\xNN in its raw text; other rows are fine")
        func invalidUTF8Row() throws {
            let bytes = Array("uscc,name\n1,江苏\n".utf8) + [0x32, 0x2C, 0xC9, 0xE7, 0x41, 0x0A] + Array("3,无锡\n".utf8)
            // (In auto mode this file, one bad line in four, would be GB18030: see autoRatio.)
            let outcome = try Reading.read(bytes, encoding: .utf8)
            #expect(outcome.encoding == .utf8)
            #expect(outcome.rows == [
                .ok(1, ["uscc", "name"], raw: "uscc,name"),
                .ok(2, ["1", "江苏"], raw: "1,江苏"),
                .bad(3, .badEncoding, raw: "2,\\xC9\\xE7A"),
                .ok(4, ["3", "无锡"], raw: "3,无锡"),
            ])
        }

        @Test("overlong forms, surrogates, code points above U+10FFFF and cut sequences are invalid", arguments: [
            [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
            [0xE4, 0xB8], [0x80], [0xFF], [0xF8, 0x88, 0x80, 0x80, 0x80],
        ] as [[UInt8]])
        func invalidSequences(bad: [UInt8]) throws {
            let rows = try Reading.rows(Array("a,".utf8) + bad + Array(",b\nok\n".utf8), encoding: .utf8)
            let shown = bad.map { "\\x" + String($0, radix: 16, uppercase: true) }.joined()
            #expect(rows == [.bad(1, .badEncoding, raw: "a," + shown + ",b"), .ok(2, ["ok"], raw: "ok")])
        }

        @Test("valid edge sequences are accepted")
        func validEdges() throws {
            let text = "\u{80},\u{7FF},\u{800},\u{FFFD},\u{10000},\u{10FFFF},\u{E000}"
            let rows = try Reading.rows(text + "\n", encoding: .utf8)
            #expect(rows == [.ok(1, ["\u{80}", "\u{7FF}", "\u{800}", "\u{FFFD}", "\u{10000}", "\u{10FFFF}", "\u{E000}"],
                                 raw: text)])
        }

        @Test("a NUL byte makes the row bad_encoding, shown as \\x00")
        func nulByte() throws {
            let rows = try Reading.rows(Array("a,b".utf8) + [0x00] + Array("c\nd\n".utf8), encoding: .utf8)
            #expect(rows == [.bad(1, .badEncoding, raw: "a,b\\x00c"), .ok(2, ["d"], raw: "d")])
        }

        @Test("bad_encoding wins over bad_quoting")
        func precedence() throws {
            let rows = try Reading.rows(Array("\"a\"".utf8) + [0xFF] + Array(",b\nc\n".utf8), encoding: .utf8)
            #expect(rows == [.bad(1, .badEncoding, raw: "\"a\"\\xFF,b"), .ok(2, ["c"], raw: "c")])
        }

        @Test("a GB18030 file read in auto mode decodes to the right UTF-8")
        func gb18030File() throws {
            let text = Self.header
                + "91320281MA1XXXXX0X,江苏某某机械有限公司\r\n"
                + "\"91320281,MA\",\"\u{3000}江阴市澄江街道　某某厂\u{3000}\"\r\n"
                + "9132,𠀀\r\n"
            let outcome = try Reading.read(Reading.gb18030(text), encoding: .auto)
            #expect(outcome.encoding == .gb18030)
            #expect(outcome.error == nil)
            #expect(outcome.rows == [
                .ok(1, ["统一社会信用代码", "企业名称"], raw: "统一社会信用代码,企业名称"),
                .ok(2, ["91320281MA1XXXXX0X", "江苏某某机械有限公司"], raw: "91320281MA1XXXXX0X,江苏某某机械有限公司"),
                .ok(3, ["91320281,MA", "江阴市澄江街道　某某厂"],
                    raw: "\"91320281,MA\",\"\u{3000}江阴市澄江街道　某某厂\u{3000}\"", quoted: [true, true]),
                .ok(4, ["9132", "𠀀"], raw: "9132,𠀀"),
            ])
            // Explicitly asked for, the same.
            let explicit = try Reading.read(Reading.gb18030(text), encoding: .gb18030)
            #expect(explicit.rows == outcome.rows)
            #expect(explicit.encoding == .gb18030)
        }

        @Test("GB18030: an invalid byte makes its row bad_encoding, shown as \\xNN; other rows are fine")
        func gb18030InvalidByte() throws {
            let bytes = Reading.gb18030(Self.header + "1,江苏某某机械有限公司\r\n")
                + Reading.gb18030("2,无锡") + [0x80] + Reading.gb18030("公司\r\n")
                + Reading.gb18030("3,常州\r\n")
                + Reading.gb18030("4,") + [0xFF] + Reading.gb18030("\r\n")
                + Reading.gb18030("5,南京,") + [0xD6]  // a lead byte cut by the end of the file
            let outcome = try Reading.read(bytes)
            #expect(outcome.encoding == .gb18030)
            #expect(outcome.rows == [
                .ok(1, ["统一社会信用代码", "企业名称"], raw: "统一社会信用代码,企业名称"),
                .ok(2, ["1", "江苏某某机械有限公司"], raw: "1,江苏某某机械有限公司"),
                .bad(3, .badEncoding, raw: "2,无锡\\x80公司"),
                .ok(4, ["3", "常州"], raw: "3,常州"),
                .bad(5, .badEncoding, raw: "4,\\xFF"),
                .bad(6, .badEncoding, raw: "5,南京,\\xD6"),
            ])
        }

        @Test("a GB18030 BOM is stripped like a UTF-8 one")
        func gb18030BOM() throws {
            let bytes: [UInt8] = [0x84, 0x31, 0x95, 0x33] + Reading.gb18030("名称,代码\n江苏,1\n")
            let outcome = try Reading.read(bytes)
            #expect(outcome.encoding == .gb18030)
            #expect(outcome.rows == [.ok(1, ["名称", "代码"], raw: "名称,代码"), .ok(2, ["江苏", "1"], raw: "江苏,1")])
        }

        @Test("utf8 mode on a GB18030 file: every non-ASCII row is bad_encoding")
        func gb18030ReadAsUTF8() throws {
            let outcome = try Reading.read(Reading.gb18030("名称\nabc\n江苏\n"), encoding: .utf8)
            #expect(outcome.encoding == .utf8)
            #expect(outcome.rows == [
                .bad(1, .badEncoding, raw: "\\xC3\\xFB\\xB3\\xC6"),
                .ok(2, ["abc"], raw: "abc"),
                .bad(3, .badEncoding, raw: "\\xBD\\xAD\\xCB\\xD5"),
            ])
        }

        @Test("auto: a few invalid lines keep a file UTF-8; above the ratio it is GB18030")
        func autoRatio() throws {
            var bytes = Array("uscc,name\n".utf8)
            for i in 0..<29 { bytes += Array("\(i),江苏某某\n\n".utf8) }   // 30 non-blank lines, blank ones between
            bytes += [0x78, 0x2C, 0xB9, 0xAB, 0x0A]                            // 1 invalid: 1/31 ≈ 3.2 %
            let lenient = try Reading.read(bytes)
            #expect(lenient.encoding == .utf8)
            #expect(lenient.rows.count == 31)
            #expect(lenient.rows.last == .bad(60, .badEncoding, raw: "x,\\xB9\\xAB"))
            #expect(try Reading.read(bytes, maxInvalidLineRatio: 0.04).encoding == .utf8)
            #expect(try Reading.read(bytes, maxInvalidLineRatio: 0.03).encoding == .gb18030)
            #expect(try Reading.read(bytes, maxInvalidLineRatio: 0.0).encoding == .gb18030)
            // An explicit encoding is never second-guessed.
            #expect(try Reading.read(bytes, encoding: .utf8, maxInvalidLineRatio: 0.0).encoding == .utf8)
        }

        @Test("auto: an empty or all-ASCII file is UTF-8")
        func autoTrivial() throws {
            #expect(try Reading.read([]).encoding == .utf8)
            #expect(try Reading.read(Array("a,b\n1,2\n".utf8)).encoding == .utf8)
        }
    }
}
