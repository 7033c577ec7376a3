import Foundation
@testable import MujunIngest
import MujunTestSupport
import Testing

extension Reading {
    /// RFC 4180 syntax, line numbering, blank lines, trimming and NULLs
    /// (extracts.md "Rules common to every kind", details.md #1–#5).
    @Suite("ExtractReader: syntax and lines")
    struct ExtractReaderTests {
        @Test("plain records, header first, fields exact")
        func plain() throws {
            let rows = try Reading.rows("uscc,name\n91320281MA1XXXXX0X,江苏某某机械有限公司\n913202,无锡\n")
            #expect(rows == [
                .ok(1, ["uscc", "name"], raw: "uscc,name", quoted: [false, false]),
                .ok(2, ["91320281MA1XXXXX0X", "江苏某某机械有限公司"], raw: "91320281MA1XXXXX0X,江苏某某机械有限公司",
                    quoted: [false, false]),
                .ok(3, ["913202", "无锡"], raw: "913202,无锡", quoted: [false, false]),
            ])
        }

        @Test("quoted fields: doubled quotes, commas, line breaks; later lines still numbered right")
        func quotedFields() throws {
            let text = "a,b\n"
                + "\"He said \"\"hi\"\"\",\"1,234.50\"\n"
                + "\"two\nlines\",x\n"
                + "\"three\n\nlines\",\"\"\"\"\n"
                + "after,1\n"
            let rows = try Reading.rows(text)
            #expect(rows == [
                .ok(1, ["a", "b"], raw: "a,b", quoted: [false, false]),
                .ok(2, ["He said \"hi\"", "1,234.50"], raw: "\"He said \"\"hi\"\"\",\"1,234.50\"", quoted: [true, true]),
                .ok(3, ["two\nlines", "x"], raw: "\"two\nlines\",x", quoted: [true, false]),
                .ok(5, ["three\n\nlines", "\""], raw: "\"three\n\nlines\",\"\"\"\"", quoted: [true, true]),
                .ok(8, ["after", "1"], raw: "after,1", quoted: [false, false]),
            ])
        }

        @Test("CRLF line ends: one line break each, not part of any field")
        func crlf() throws {
            let rows = try Reading.rows("h1,h2\r\na,b\r\n\r\n\"x\r\ny\",z\r\nlast,1\r\n")
            #expect(rows == [
                .ok(1, ["h1", "h2"], raw: "h1,h2"),
                .ok(2, ["a", "b"], raw: "a,b"),
                // line 3 is blank
                .ok(4, ["x\r\ny", "z"], raw: "\"x\r\ny\",z"),
                .ok(6, ["last", "1"], raw: "last,1"),
            ])
        }

        @Test("a lone CR ends a record and counts as a line break")
        func loneCR() throws {
            let rows = try Reading.rows("h\ra,b\r\rc\n\rd\r\ne")
            #expect(rows == [
                .ok(1, ["h"], raw: "h"),
                .ok(2, ["a", "b"], raw: "a,b"),
                .ok(4, ["c"], raw: "c"),       // CR CR: line 3 blank
                .ok(6, ["d"], raw: "d"),       // LF CR: line 5 blank
                .ok(7, ["e"], raw: "e"),       // CRLF is one break; no final break
            ])
        }

        @Test("a UTF-8 BOM is stripped from the first header")
        func bom() throws {
            let rows = try Reading.rows([0xEF, 0xBB, 0xBF] + Array("uscc,名称\n1,2\n".utf8))
            #expect(rows == [.ok(1, ["uscc", "名称"], raw: "uscc,名称"), .ok(2, ["1", "2"], raw: "1,2")])
            #expect(try Reading.rows([0xEF, 0xBB, 0xBF]) == [])
            // Only a BOM at the very start is one.
            let inner = try Reading.rows(Array("a\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("b\n".utf8))
            #expect(inner == [.ok(1, ["a"], raw: "a"), .ok(2, ["\u{FEFF}b"], raw: "\u{FEFF}b")])
        }

        @Test("an incomplete BOM is data (and invalid UTF-8)")
        func partialBOM() throws {
            let rows = try Reading.rows([0xEF, 0xBB, 0x41, 0x0A], encoding: .utf8)
            #expect(rows == [.bad(1, .badEncoding, raw: "\\xEF\\xBBA")])
            let short = try Reading.rows([0xEF, 0xBB], encoding: .utf8)
            #expect(short == [.bad(1, .badEncoding, raw: "\\xEF\\xBB")])
        }

        @Test("blank and whitespace-only lines are skipped but counted")
        func blankLines() throws {
            let text = "h\n\n   \n\t \t\n\u{3000}\u{3000}\n \u{3000}\t\r\n1\n\n"
            let rows = try Reading.rows(text)
            #expect(rows == [.ok(1, ["h"], raw: "h"), .ok(7, ["1"], raw: "1")])
        }

        @Test("`,,,` is a record of four NULLs; `\"\"` alone is a record, not a blank line")
        func emptyFields() throws {
            let rows = try Reading.rows("h\n,,,\n\"\"\n , \u{3000},\n")
            #expect(rows == [
                .ok(1, ["h"], raw: "h"),
                .ok(2, [nil, nil, nil, nil], raw: ",,,", quoted: [false, false, false, false]),
                .ok(3, [nil], raw: "\"\"", quoted: [true]),
                .ok(4, [nil, nil, nil], raw: " , \u{3000},"),
            ])
        }

        @Test("fields are trimmed of spaces, tabs and U+3000, quoted or not; whitespace-only is NULL")
        func trimming() throws {
            let text = "  a  ,\t b c \t,\u{3000}江阴\u{3000},\"  quoted  \",\"\u{3000}\u{3000}\",\"\t\",x \u{3000}y\n"
            let rows = try Reading.rows(text)
            #expect(rows.count == 1)
            #expect(rows.first?.fields == ["a", "b c", "江阴", "quoted", nil, nil, "x \u{3000}y"])
            #expect(rows.first?.quoted == [false, false, false, true, true, true, false])
        }

        /// The reader leaves libcsv's own space handling on for lines where no space touches a
        /// quote, and turns it off elsewhere and at chunk boundaries (1-byte chunks: always off).
        /// Both must give the same fields.
        @Test("unquoted spaces give the same fields with libcsv's space handling on or off", arguments: [1, 65536])
        func spaceHandling(chunkSize: Int) throws {
            let text = "  a  ,\t b c \t, \u{3000}江阴\u{3000} ,,  ,x\n"
                + "   \n"
                + " lead,trail \t\n"
                + "\"q\",  \t  \n"
                + "\t\t\n"
                + " , \n"
            let rows = try Reading.rows(text, chunkSize: chunkSize)
            #expect(rows == [
                .ok(1, ["a", "b c", "江阴", nil, nil, "x"], raw: "  a  ,\t b c \t, \u{3000}江阴\u{3000} ,,  ,x"),
                .ok(3, ["lead", "trail"], raw: " lead,trail \t"),
                .ok(4, ["q", nil], raw: "\"q\",  \t  ", quoted: [true, false]),
                .ok(6, [nil, nil], raw: " , "),
            ])
        }

        @Test("the last record needs no line break; a trailing comma is an empty last field")
        func finalRecord() throws {
            #expect(try Reading.rows("h\na,") == [.ok(1, ["h"], raw: "h"), .ok(2, ["a", nil], raw: "a,")])
            #expect(try Reading.rows("h\n\"q\"") == [.ok(1, ["h"], raw: "h"), .ok(2, ["q"], raw: "\"q\"")])
            #expect(try Reading.rows("h\n  ") == [.ok(1, ["h"], raw: "h")])
        }

        @Test("an empty file, or one of blank lines, has no records")
        func emptyFile() throws {
            #expect(try Reading.rows("") == [])
            #expect(try Reading.rows("\n\r\n  \n") == [])
        }

        @Test("field(i) hands out the trimmed bytes, nil for NULL")
        func fieldBytes() throws {
            let folder = try TemporaryDirectory()
            let url = try folder.write("f.csv", " 12 ,,\"x\"\n")
            let reader = try ExtractReader(path: url.path, encoding: .utf8)
            var seen: [[UInt8]?] = []
            try reader.forEachRecord { record in
                for i in 0..<record.count { seen.append(record.field(i).map { Array($0) }) }
            }
            #expect(seen == [[0x31, 0x32], nil, [0x78]])
        }

        @Test("bytesConsumed reaches fileSize; the file can be read twice")
        func progressAndRereading() throws {
            let text = String(repeating: "1234567890,abcdefghij\n", count: 500)
            let outcome = try Reading.read(Array(text.utf8), chunkSize: 1000)
            #expect(outcome.fileSize == text.utf8.count)
            #expect(outcome.bytesConsumed == outcome.fileSize)
            #expect(outcome.rows.count == 500)
            #expect(outcome.rows.last == .ok(500, ["1234567890", "abcdefghij"], raw: "1234567890,abcdefghij"))

            let folder = try TemporaryDirectory()
            let url = try folder.write("twice.csv", "a\nb\n")
            let reader = try ExtractReader(path: url.path, encoding: .auto)
            var first: [Row] = []
            var second: [Row] = []
            try reader.forEachRecord { first.append(Reading.snapshot($0)) }
            try reader.forEachRecord { second.append(Reading.snapshot($0)) }
            #expect(first == [.ok(1, ["a"], raw: "a"), .ok(2, ["b"], raw: "b")])
            #expect(second == first)
        }

        struct Stop: Error {}

        @Test("the callback's error stops reading and is rethrown")
        func callbackError() throws {
            let folder = try TemporaryDirectory()
            let url = try folder.write("stop.csv", "a\nb\nc\n")
            let reader = try ExtractReader(path: url.path, encoding: .utf8)
            var lines: [Int] = []
            #expect(throws: Stop.self) {
                try reader.forEachRecord { record in
                    lines.append(record.line)
                    if record.line == 2 { throw Stop() }
                }
            }
            #expect(lines == [1, 2])
        }

        @Test("a missing file or a folder cannot be read")
        func cannotRead() throws {
            let folder = try TemporaryDirectory()
            let missing = folder.url.appendingPathComponent("nope.csv").path
            let error = try #require(throws: ExtractError.self) {
                _ = try ExtractReader(path: missing, encoding: .auto)
            }
            #expect(error.code == .cannotRead)
            #expect(error.file == missing)
            #expect(error.message == "no such file")

            let folderError = try #require(throws: ExtractError.self) {
                _ = try ExtractReader(path: folder.url.path, encoding: .utf8)
            }
            // Refused before it is opened, like a FIFO or a device (issue 16 item 7): exit 66 too.
            #expect(folderError.code == .notARegularFile)
            #expect(folderError.exitReason == .noInput)
        }

        @Test("an Excel workbook is refused with a message saying to export CSV")
        func workbooks() throws {
            let xlsx: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00] + Array("[Content_Types].xml".utf8)
            let error = try #require(throws: ExtractError.self) { _ = try Reading.read(xlsx) }
            #expect(error.code == .notCSV)
            #expect(error.message == "this is an Excel workbook; export it as CSV")

            let xls: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0]
            let old = try #require(throws: ExtractError.self) { _ = try Reading.read(xls) }
            #expect(old.code == .notCSV)
            #expect(old.message.contains("export it as CSV"))

            // A CSV that merely starts with "PK" is fine.
            #expect(try Reading.rows("PK,name\n1,2\n") == [.ok(1, ["PK", "name"], raw: "PK,name"), .ok(2, ["1", "2"], raw: "1,2")])
        }
    }
}
