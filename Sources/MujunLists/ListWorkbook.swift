import Foundation
import MujunCore

/// `LIST.xlsx` beside each list (details.md #66): the same rows as the CSV in one worksheet,
/// with every cell typed as **text** except the surcharges and areas, which are numbers. Excel
/// turns an all-digit credit code into 9.13E+17 and drops the leading zeros of an account
/// number when it guesses types from a CSV; a text cell keeps them.
///
/// The workbook is the smallest SpreadsheetML package (content types, relationships, workbook,
/// styles with the text format `@`, one sheet of inline strings) in a ZIP archive whose
/// entries are stored uncompressed and dated the list's date, so the same rows always give the
/// same bytes. Stored entries need no zlib, hence no new system dependency.
enum ListWorkbook {
    /// Columns written as numbers (2 decimals already in their text).
    static let numericColumns: Set<String> = ["surcharge_yuan_per_kwh", "surcharge_yuan_per_m3", "area_m2", "area_mu"]

    static func xlsx(sheetName: String, columns: [ListColumn], rows: [[String?]], date: CalendarDay) -> Data {
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let package = "http://schemas.openxmlformats.org/package/2006/relationships"
        let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\r\n"
        let contentTypes = header + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
            + #"<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
            + #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
            + "</Types>"
        let rootRels = header + "<Relationships xmlns=\"\(package)\">"
            + "<Relationship Id=\"rId1\" Type=\"\(relationships)/officeDocument\" Target=\"xl/workbook.xml\"/>"
            + "</Relationships>"
        let workbook = header + "<workbook xmlns=\"\(main)\" xmlns:r=\"\(relationships)\">"
            + "<sheets><sheet name=\"\(escape(sheetName))\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
        let workbookRels = header + "<Relationships xmlns=\"\(package)\">"
            + "<Relationship Id=\"rId1\" Type=\"\(relationships)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
            + "<Relationship Id=\"rId2\" Type=\"\(relationships)/styles\" Target=\"styles.xml\"/>"
            + "</Relationships>"
        // Style 1: number format 49 (`@`, text); style 2: number format 2 (`0.00`).
        let styles = header + "<styleSheet xmlns=\"\(main)\">"
            + #"<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>"#
            + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
            + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
            + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
            + #"<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
            + #"<xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
            + #"<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>"#
            + "</styleSheet>"

        var sheet = header + "<worksheet xmlns=\"\(main)\"><sheetData>"
        func row(_ number: Int, _ fields: [String?], header: Bool) {
            sheet += "<row r=\"\(number)\">"
            for (i, field) in fields.enumerated() {
                guard let field, !field.isEmpty else { continue }
                let reference = columnLetters(i) + String(number)
                if !header && numericColumns.contains(columns[i].english) && Double(field) != nil {
                    sheet += "<c r=\"\(reference)\" s=\"2\"><v>\(field)</v></c>"
                } else {
                    sheet += "<c r=\"\(reference)\" s=\"1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(field))</t></is></c>"
                }
            }
            sheet += "</row>"
        }
        row(1, columns.map(\.header), header: true)
        for (i, fields) in rows.enumerated() { row(i + 2, fields, header: false) }
        sheet += "</sheetData></worksheet>"

        var zip = StoredZip(date: date)
        zip.add("[Content_Types].xml", contentTypes)
        zip.add("_rels/.rels", rootRels)
        zip.add("xl/workbook.xml", workbook)
        zip.add("xl/_rels/workbook.xml.rels", workbookRels)
        zip.add("xl/styles.xml", styles)
        zip.add("xl/worksheets/sheet1.xml", sheet)
        return zip.finish()
    }

    /// A, B, … Z, AA, … for a zero-based column index.
    static func columnLetters(_ index: Int) -> String {
        var n = index + 1
        var letters = ""
        while n > 0 {
            let r = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + r))) + letters
            n = (n - 1) / 26
        }
        return letters
    }

    /// XML text: the five special characters escaped, and characters XML 1.0 forbids dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}

/// A ZIP archive (PKWARE APPNOTE 4.3) of stored, uncompressed entries, built in memory.
/// Every entry carries the same DOS date and time (the list's date, 00:00), so the archive's
/// bytes depend on its contents only.
struct StoredZip {
    private var body = Data()
    private var directory = Data()
    private var count = 0
    private let dosDate: UInt16

    init(date: CalendarDay) {
        let year = min(max(date.year, 1980), 2107)
        dosDate = UInt16((year - 1980) << 9 | date.month << 5 | date.day)
    }

    mutating func add(_ name: String, _ text: String) {
        let data = Data(text.utf8)
        let nameBytes = Data(name.utf8)
        let crc = StoredZip.crc32(data)
        let offset = UInt32(body.count)
        // Local file header.
        body.append(le32: 0x0403_4B50)
        body.append(le16: 20)                 // version needed: 2.0
        body.append(le16: 0x0800)             // flags: names are UTF-8
        body.append(le16: 0)                  // method: stored
        body.append(le16: 0)                  // time 00:00
        body.append(le16: dosDate)
        body.append(le32: crc)
        body.append(le32: UInt32(data.count))
        body.append(le32: UInt32(data.count))
        body.append(le16: UInt16(nameBytes.count))
        body.append(le16: 0)
        body.append(nameBytes)
        body.append(data)
        // Central directory header.
        directory.append(le32: 0x0201_4B50)
        directory.append(le16: 0x0314)        // made by: Unix, 2.0
        directory.append(le16: 20)
        directory.append(le16: 0x0800)
        directory.append(le16: 0)
        directory.append(le16: 0)
        directory.append(le16: dosDate)
        directory.append(le32: crc)
        directory.append(le32: UInt32(data.count))
        directory.append(le32: UInt32(data.count))
        directory.append(le16: UInt16(nameBytes.count))
        directory.append(le16: 0)             // extra
        directory.append(le16: 0)             // comment
        directory.append(le16: 0)             // disk
        directory.append(le16: 0)             // internal attributes
        directory.append(le32: 0o100640 << 16) // external attributes: a regular file, rw-r-----
        directory.append(le32: offset)
        directory.append(nameBytes)
        count += 1
    }

    func finish() -> Data {
        var out = body
        out.append(directory)
        out.append(le32: 0x0605_4B50)
        out.append(le16: 0)
        out.append(le16: 0)
        out.append(le16: UInt16(count))
        out.append(le16: UInt16(count))
        out.append(le32: UInt32(directory.count))
        out.append(le32: UInt32(body.count))
        out.append(le16: 0)
        return out
    }

    static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}

extension Data {
    mutating func append(le16 value: UInt16) {
        append(UInt8(value & 0xFF))
        append(UInt8(value >> 8))
    }

    mutating func append(le32 value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8((value >> UInt32(shift)) & 0xFF)) }
    }
}
