import Foundation
import MujunCore
import ZIPFoundation

/// `LIST.xlsx` beside each list (details.md #66): the same rows as the CSV in one worksheet,
/// with every cell typed as **text** except the surcharges and areas, which are numbers. Excel
/// turns an all-digit credit code into 9.13E+17 and drops the leading zeros of an account
/// number when it guesses types from a CSV; a text cell keeps them.
///
/// The workbook is the smallest SpreadsheetML package (content types, relationships, workbook,
/// styles with the text format `@`, one sheet of inline strings) in a ZIP archive written by
/// ZIPFoundation in memory. Its bytes depend on the rows only, because everything else is
/// fixed: the entries in one order, each dated the list's date at 00:00 (ZIPFoundation writes
/// the DOS date in UTC), mode 0640, and stored, not deflated: a deflate stream may differ
/// between zlib versions, and a recipient must get the manifest's hash from any machine.
enum ListWorkbook {
    /// Columns written as numbers (2 decimals already in their text).
    static let numericColumns: Set<String> = ["surcharge_yuan_per_kwh", "surcharge_yuan_per_m3", "area_m2", "area_mu"]

    static func xlsx(sheetName: String, columns: [ListColumn], rows: [[String?]], date: CalendarDay) throws -> Data {
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

        return try archive([
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", rootRels),
            ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", workbookRels),
            ("xl/styles.xml", styles),
            ("xl/worksheets/sheet1.xml", sheet),
        ], date: date)
    }

    /// The ZIP package of `parts`, in the order given.
    static func archive(_ parts: [(name: String, text: String)], date: CalendarDay) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let modified = utc.date(from: DateComponents(year: date.year, month: date.month, day: date.day))!
        for (name, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count),
                                 modificationDate: modified, permissions: 0o640, compressionMethod: .none) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let bytes = archive.data else { throw Archive.ArchiveError.unwritableArchive }
        return bytes
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
