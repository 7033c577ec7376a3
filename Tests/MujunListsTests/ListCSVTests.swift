import Foundation
import MujunCore
import MujunIngest
@testable import MujunLists
import Testing

@Suite("List file bytes")
struct ListCSVTests {
    @Test("quotes only where RFC 4180 needs them, CRLF after every record")
    func quoting() {
        #expect(ListCSV.escape("企业A") == "企业A")
        #expect(ListCSV.escape("") == "")
        #expect(ListCSV.escape("a,b") == "\"a,b\"")
        #expect(ListCSV.escape("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(ListCSV.escape("two\nlines") == "\"two\nlines\"")
        #expect(ListCSV.escape("cr\r") == "\"cr\r\"")
        #expect(ListCSV.escape("IDLE-1;grade_D") == "IDLE-1;grade_D")
        var csv = ListCSV(columns: [ListColumn("户号", "account_no", ""), ListColumn("户名", "account_name", "")])
        csv.append(row: ["0012", nil])
        csv.append(row: ["0013", "甲,乙"])
        #expect(csv.text == "户号 account_no,户名 account_name\r\n0012,\r\n0013,\"甲,乙\"\r\n")
        #expect(csv.rowCount == 2)
    }

    @Test("workbook parts: column letters, XML escaping")
    func workbookParts() {
        #expect(ListWorkbook.columnLetters(0) == "A" && ListWorkbook.columnLetters(12) == "M")
        #expect(ListWorkbook.columnLetters(25) == "Z" && ListWorkbook.columnLetters(26) == "AA")
        #expect(ListWorkbook.escape("A&B <C> \"D\"\u{1}") == "A&amp;B &lt;C&gt; &quot;D&quot;")
    }

    @Test("the workbook's ZIP: entries in the order given, stored, dated the list's date at 00:00, same bytes every time")
    func workbookArchive() throws {
        let day = CalendarDay("2025-03-01")!
        let parts = [(name: "check.txt", text: "123456789"), (name: "xl/名.xml", text: "<a>甲</a>")]
        let bytes = [UInt8](try ListWorkbook.archive(parts, date: day))
        #expect(bytes == [UInt8](try ListWorkbook.archive(parts, date: day)))
        func le16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func le32(_ at: Int) -> UInt32 { UInt32(le16(at)) | UInt32(le16(at + 2)) << 16 }
        // The first local file header (PKWARE APPNOTE 4.3.7).
        #expect(le32(0) == 0x0403_4B50)
        #expect(le16(8) == 0)                                   // method: stored
        #expect(le16(10) == 0)                                  // 00:00:00
        #expect(le16(12) == (2025 - 1980) << 9 | 3 << 5 | 1)    // 2025-03-01
        #expect(le32(14) == 0xCBF4_3926)                        // CRC-32 of "123456789": the standard check value
        #expect(le32(18) == 9 && le32(22) == 9)
        #expect(Array(bytes[30..<(30 + le16(26))]) == Array("check.txt".utf8))
        // The second entry follows directly, in the order given, its UTF-8 name intact.
        let second = 30 + le16(26) + le16(28) + 9
        #expect(le32(second) == 0x0403_4B50)
        #expect(Array(bytes[(second + 30)..<(second + 30 + le16(second + 26))]) == Array("xl/名.xml".utf8))
        // Another date, other bytes: the date is the only thing besides the parts that goes in.
        #expect(bytes != [UInt8](try ListWorkbook.archive(parts, date: CalendarDay("2025-03-02")!)))
    }
}
