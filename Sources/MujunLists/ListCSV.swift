/// The text of one list CSV file (spec lists.md "Files and formats", details.md #66): a
/// bilingual header, CRLF after every record, fields quoted only where RFC 4180 needs it (a
/// comma, a double quote, CR or LF inside), empty for NULL.
struct ListCSV {
    private(set) var text = ""
    private(set) var rowCount = 0

    init(columns: [ListColumn]) {
        append(record: columns.map(\.header))
    }

    mutating func append(row fields: [String?]) {
        append(record: fields.map { $0 ?? "" })
        rowCount += 1
    }

    private mutating func append(record fields: [String]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { text += "," }
            text += ListCSV.escape(field)
        }
        text += "\r\n"
    }

    static func escape(_ field: String) -> String {
        let needsQuotes = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A }
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
