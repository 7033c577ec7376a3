import Foundation
@testable import MujunIngest
import Testing

extension Reading {
    /// `bad_quoting` records and unterminated quotes (details.md #7, extracts.md "Row accounting").
    @Suite("ExtractReader: bad quoting")
    struct ExtractReaderQuotingTests {
        @Test("each bad-quoting shape is one rejected record, and reading resumes after it", arguments: [
            ("ab\"c,d", "ab\"c,d"),               // a quote inside an unquoted field
            ("\"ab\"c,d", "\"ab\"c,d"),           // text after a closing quote
            ("a, \"b\"", "a, \"b\""),             // a space before an opening quote
            ("a,\t\"b\"", "a,\t\"b\""),           // a tab before an opening quote
            ("\"b\" ,c", "\"b\" ,c"),             // a space after a closing quote
            ("\"b\"\t", "\"b\"\t"),               // a tab after a closing quote, at the line end
            ("x,\"b\"\u{3000}", "x,\"b\"\u{3000}"),  // U+3000 is text after the closing quote
            (" \"b\",c", " \"b\",c"),             // a space before the quote at the line start
        ])
        func shapes(line: String, raw: String) throws {
            let rows = try Reading.rows("h1,h2\r\n" + line + "\r\nok,1\r\n\"q\",2\r\n")
            #expect(rows == [
                .ok(1, ["h1", "h2"], raw: "h1,h2"),
                .bad(2, .badQuoting, raw: raw),
                .ok(3, ["ok", "1"], raw: "ok,1"),
                .ok(4, ["q", "2"], raw: "\"q\",2", quoted: [true, false]),
            ])
        }

        @Test("a bad record ends at the first line break outside a properly quoted field")
        func badRecordSpansQuotedLineBreaks() throws {
            let text = "h\n"
                + "\"b\"x,\"multi\nline\",z\n"     // bad at x; the quoted field after it still holds a break
                + "next,1\n"
                + "a\"b,\"c\nd\"\n"                 // bad at the first quote; "c<LF>d" is properly quoted
                + "last\n"
            let rows = try Reading.rows(text)
            #expect(rows == [
                .ok(1, ["h"], raw: "h"),
                .bad(2, .badQuoting, raw: "\"b\"x,\"multi\nline\",z"),
                .ok(4, ["next", "1"], raw: "next,1"),
                .bad(5, .badQuoting, raw: "a\"b,\"c\nd\""),
                .ok(7, ["last"], raw: "last"),
            ])
        }

        @Test("a quote that does not open a field does not hide the line break")
        func strayQuoteDoesNotSwallowLines() throws {
            let rows = try Reading.rows("ab\"c\nd\"e\nf\n")
            #expect(rows == [
                .bad(1, .badQuoting, raw: "ab\"c"),
                .bad(2, .badQuoting, raw: "d\"e"),
                .ok(3, ["f"], raw: "f"),
            ])
        }

        @Test("a quote after a space opens nothing: the line break ends the bad record")
        func spaceBeforeMultiLineQuote() throws {
            let rows = try Reading.rows("a, \"b\nc\"\nnext\n")
            #expect(rows == [
                .bad(1, .badQuoting, raw: "a, \"b"),
                .bad(2, .badQuoting, raw: "c\""),
                .ok(3, ["next"], raw: "next"),
            ])
        }

        @Test("unescaped quotes inside a quoted field")
        func unescapedQuotes() throws {
            let rows = try Reading.rows("\"He said \"hi\" ok\",2\n3,4\n")
            #expect(rows == [
                .bad(1, .badQuoting, raw: "\"He said \"hi\" ok\",2"),
                .ok(2, ["3", "4"], raw: "3,4"),
            ])
        }

        @Test("bad records with lone CR line ends keep the numbering")
        func badRecordsWithCR() throws {
            let rows = try Reading.rows("a\"\r\"x\"y\r\rgood\r")
            #expect(rows == [
                .bad(1, .badQuoting, raw: "a\""),
                .bad(2, .badQuoting, raw: "\"x\"y"),
                .ok(4, ["good"], raw: "good"),
            ])
        }

        @Test("a bad record as the last one, without a final line break")
        func badLastRecord() throws {
            #expect(try Reading.rows("h\n\"a\"b") == [.ok(1, ["h"], raw: "h"), .bad(2, .badQuoting, raw: "\"a\"b")])
        }

        @Test("a quote open at the end of the file refuses it, naming the line where it opened")
        func unterminatedQuote() throws {
            let outcome = try Reading.read(Array("h\n1,\"ok\nfine\",\"open\nmore\n\nend".utf8))
            let error = try #require(outcome.error)
            #expect(error.code == .unterminatedQuote)
            #expect(error.line == 3)
            #expect(error.message == "a quote opened on line 3 is never closed")
            #expect(error.file.hasSuffix("extract.csv"))
            // Records before it were delivered; the caller refuses the file as a whole.
            #expect(outcome.rows == [.ok(1, ["h"], raw: "h")])
        }

        @Test("an unterminated quote that opens a record")
        func unterminatedAtRecordStart() throws {
            let outcome = try Reading.read(Array("h\r\n\r\n\"abc\r\n".utf8))
            #expect(outcome.error?.code == .unterminatedQuote)
            #expect(outcome.error?.line == 3)
        }

        @Test("an unterminated quote inside a bad record is still refused")
        func unterminatedInsideBadRecord() throws {
            let outcome = try Reading.read(Array("h\n1\nx\"y,\"abc\nzz\n".utf8))
            #expect(outcome.error?.code == .unterminatedQuote)
            #expect(outcome.error?.line == 3)
            #expect(outcome.rows == [.ok(1, ["h"], raw: "h"), .ok(2, ["1"], raw: "1")])
        }

        @Test("a closing quote at the very end of the file is fine")
        func closedAtEnd() throws {
            #expect(try Reading.rows("a,\"b\"") == [.ok(1, ["a", "b"], raw: "a,\"b\"", quoted: [false, true])])
            #expect(try Reading.rows("\"\"\"\"") == [.ok(1, ["\""], raw: "\"\"\"\"", quoted: [true])])
        }

        @Test("an oversized record is cut, rejected as bad quoting, and reading resumes")
        func oversizedRecord() throws {
            let long = String(repeating: "x", count: 40)
            let text = "h\n1,\"\(long)\n\(long)\",2\nnext,3\n"
            let outcome = try Reading.read(Array(text.utf8), maxRecordBytes: 16)
            #expect(outcome.error == nil)
            #expect(outcome.rows == [
                .ok(1, ["h"], raw: "h"),
                .bad(2, .badQuoting, raw: "1,\"" + String(repeating: "x", count: 13) + "…"),
                .ok(4, ["next", "3"], raw: "next,3"),
            ])

            let open = try Reading.read(Array("h\n1,2,\"\(long)\n\(long)\n".utf8), maxRecordBytes: 16)
            #expect(open.error?.code == .unterminatedQuote)
            #expect(open.error?.line == 2)
        }
    }
}
