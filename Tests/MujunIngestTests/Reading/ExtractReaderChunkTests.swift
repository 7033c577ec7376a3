import Foundation
@testable import MujunIngest
import Testing

extension Reading {
    /// Everything that can straddle two reads: CRLF, BOM, multi-byte characters, quotes, quoted
    /// line breaks, bad records. The reader reads 64 KiB at a time; here it reads 1, 2, 3… bytes.
    @Suite("ExtractReader: chunk boundaries")
    struct ExtractReaderChunkTests {
        static let chunkSizes = [1, 2, 3, 4, 5, 7, 8, 11, 13, 64, 65536]

        /// One of each construct, line numbers in comments.
        static let text = "\u{FEFF}统一社会信用代码,企业名称\r\n"                  // 1 (BOM)
            + "91320281MA1XXXXX0X,\"江苏某某\"\"机械\"\"有限公司\"\r\n"           // 2
            + "\r\n"                                                              // 3 blank
            + "\u{3000}  \t\r\n"                                                  // 4 blank
            + "\"多行\r\n字段\",\u{3000}尾\u{3000}\r"                            // 5–6, then a lone CR
            + "a, \"b\"\n"                                                        // 7 bad quoting
            + "\"x\" ,y\r\n"                                                      // 8 bad quoting
            + "\"q\"z,\"in\nside\",w\n"                                           // 9–10 bad quoting
            + ",,,\n"                                                             // 11
            + "𠀀,\"\"\"\",\"1,234.50\"\n"                                        // 12
            + "end,\"x\""                                                         // 13, no final break

        static let expected: [Row] = [
            .ok(1, ["统一社会信用代码", "企业名称"], raw: "统一社会信用代码,企业名称"),
            .ok(2, ["91320281MA1XXXXX0X", "江苏某某\"机械\"有限公司"],
                raw: "91320281MA1XXXXX0X,\"江苏某某\"\"机械\"\"有限公司\"", quoted: [false, true]),
            .ok(5, ["多行\r\n字段", "尾"], raw: "\"多行\r\n字段\",\u{3000}尾\u{3000}", quoted: [true, false]),
            .bad(7, .badQuoting, raw: "a, \"b\""),
            .bad(8, .badQuoting, raw: "\"x\" ,y"),
            .bad(9, .badQuoting, raw: "\"q\"z,\"in\nside\",w"),
            .ok(11, [nil, nil, nil, nil], raw: ",,,"),
            .ok(12, ["𠀀", "\"", "1,234.50"], raw: "𠀀,\"\"\"\",\"1,234.50\"", quoted: [false, true, true]),
            .ok(13, ["end", "x"], raw: "end,\"x\"", quoted: [false, true]),
        ]

        @Test("UTF-8, any chunk size", arguments: chunkSizes)
        func utf8(chunkSize: Int) throws {
            let outcome = try Reading.read(Array(Self.text.utf8), encoding: .auto, chunkSize: chunkSize)
            #expect(outcome.encoding == .utf8)
            #expect(outcome.error == nil)
            #expect(outcome.rows == Self.expected)
        }

        @Test("GB18030 (with its BOM), any chunk size", arguments: chunkSizes)
        func gb18030(chunkSize: Int) throws {
            let outcome = try Reading.read(Reading.gb18030(Self.text), encoding: .auto, chunkSize: chunkSize)
            #expect(outcome.encoding == .gb18030)
            #expect(outcome.error == nil)
            #expect(outcome.rows == Self.expected)
        }

        @Test("invalid bytes and a quote left open, any chunk size", arguments: chunkSizes)
        func defects(chunkSize: Int) throws {
            let utf8 = Array("ok,江苏\r\n".utf8) + [0x61, 0xE6, 0xB1, 0x0D, 0x0A] + Array("b,\"open\r\n\r\nstill".utf8)
            let u = try Reading.read(utf8, encoding: .utf8, chunkSize: chunkSize)
            #expect(u.rows == [.ok(1, ["ok", "江苏"], raw: "ok,江苏"), .bad(2, .badEncoding, raw: "a\\xE6\\xB1")])
            #expect(u.error?.code == .unterminatedQuote)
            #expect(u.error?.line == 3)

            let gb = Reading.gb18030("ok,江苏\r\n") + [0x61, 0x80, 0xB9, 0x0D, 0x0A] + Reading.gb18030("b,常州\r\n")
            let g = try Reading.read(gb, encoding: .gb18030, chunkSize: chunkSize)
            #expect(g.error == nil)
            #expect(g.rows == [
                .ok(1, ["ok", "江苏"], raw: "ok,江苏"),
                .bad(2, .badEncoding, raw: "a\\x80\\xB9"),
                .ok(3, ["b", "常州"], raw: "b,常州"),
            ])
        }

        /// Random files made of the tricky tokens must read the same whatever the chunk size:
        /// same records, same defects, same unterminated-quote line.
        @Test("random files read identically at any chunk size", arguments: 0..<40)
        func randomFiles(seed: Int) throws {
            let tokens: [[UInt8]] = [
                [0x22], [0x22], [0x2C], [0x2C], [0x0D], [0x0A], [0x0D, 0x0A], [0x20], [0x09],
                Array("ab".utf8), Array("江".utf8), Array("\u{3000}".utf8), [0xFF], [0x00],
                Array("\"\"".utf8), Array("\"x\"".utf8), Array("1,2".utf8),
            ]
            var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1
            func next() -> Int {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Int(truncatingIfNeeded: state >> 33)
            }
            var bytes: [UInt8] = next() % 3 == 0 ? [0xEF, 0xBB, 0xBF] : []
            for _ in 0..<(20 + next() % 60) { bytes += tokens[next() % tokens.count] }

            let reference = try Reading.read(bytes, encoding: .utf8)
            for chunkSize in [1, 2, 3, 5, 7] {
                let outcome = try Reading.read(bytes, encoding: .utf8, chunkSize: chunkSize)
                #expect(outcome.rows.map(\.description) == reference.rows.map(\.description),
                        "chunk size \(chunkSize), input \(bytes)")
                #expect(outcome.error?.line == reference.error?.line)
                #expect(outcome.error?.code == reference.error?.code)
            }
        }

        @Test("the auto pre-scan decides the same at any chunk size", arguments: chunkSizes)
        func sniffing(chunkSize: Int) throws {
            // Each line's only invalid sequence may be split by a chunk boundary.
            var bytes: [UInt8] = []
            for _ in 0..<10 { bytes += Array("江苏,".utf8) + [0xE6, 0xB1] + Array("\r\n".utf8) }
            for _ in 0..<10 { bytes += Array("江苏,常州\r\n".utf8) }
            let outcome = try Reading.read(bytes, maxInvalidLineRatio: 0.49, chunkSize: chunkSize)
            #expect(outcome.encoding == .gb18030)   // 10 of 20 lines
            let lenient = try Reading.read(bytes, maxInvalidLineRatio: 0.5, chunkSize: chunkSize)
            #expect(lenient.encoding == .utf8)
        }
    }
}
