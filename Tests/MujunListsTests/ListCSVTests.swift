import Foundation
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

    @Test("workbook parts: column letters, XML escaping, the ZIP CRC-32")
    func workbookParts() {
        #expect(ListWorkbook.columnLetters(0) == "A" && ListWorkbook.columnLetters(12) == "M")
        #expect(ListWorkbook.columnLetters(25) == "Z" && ListWorkbook.columnLetters(26) == "AA")
        #expect(ListWorkbook.escape("A&B <C> \"D\"\u{1}") == "A&amp;B &lt;C&gt; &quot;D&quot;")
        #expect(StoredZip.crc32(Data("123456789".utf8)) == 0xCBF4_3926)  // the standard check value
    }
}
