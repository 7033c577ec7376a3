import MujunCore

/// Where each column of a kind sits in a file's header (spec extracts.md "header",
/// details.md #1, #79).
struct HeaderMap {
    /// For each column of the kind, in spec order: its field index in the file, or nil.
    let fieldIndex: [Int?]
    /// Header cells that match no column (named in the load report).
    let unknownColumns: [String]
    /// Number of fields in the header record; every row must have as many.
    let fieldCount: Int

    /// Matches header cells against canonical names and aliases; refuses a file that lacks a
    /// required column or names one column twice, before anything is loaded.
    init(header: CSVRecord, kind: ExtractKind, file: String) throws {
        var lookup: [String: Int] = [:]
        for (i, column) in kind.columns.enumerated() {
            for name in [column.name] + column.aliases {
                lookup[HeaderName.normalize(name)] = i
            }
        }
        var index = [Int?](repeating: nil, count: kind.columns.count)
        var seenAs = [String?](repeating: nil, count: kind.columns.count)
        var unknown: [String] = []
        for f in 0..<header.count {
            // Trailing columns with an empty header are ignored (details.md #79).
            guard let cell = header.string(f) else { continue }
            // PostgreSQL text cannot hold a NUL: refuse here, naming the cell, rather than fail
            // later recording the unknown columns ("malformed array literal", issue 16 item 11).
            if cell.contains("\u{0}") {
                throw ExtractError(.missingHeader, file: file, line: header.line, column: "\(f + 1)",
                                   message: "header cell \(f + 1) holds a NUL byte (0x00); the header must be text "
                                       + "(UTF-8 or GB18030): is this a CSV extract?")
            }
            let key = HeaderName.normalize(cell)
            guard !key.isEmpty else { continue }
            guard let column = lookup[key] else {
                unknown.append(cell)
                continue
            }
            if let earlier = seenAs[column] {
                throw ExtractError(.duplicateColumn, file: file, line: header.line, column: kind.columns[column].name,
                                   message: "column \(kind.columns[column].name) appears twice in the header "
                                       + "(as \"\(earlier)\" and \"\(cell)\"); keep one")
            }
            seenAs[column] = cell
            index[column] = f
        }
        let missing = kind.columns.indices.filter { kind.columns[$0].required && index[$0] == nil }
        if let first = missing.first {
            let names = missing.map { c -> String in
                let spec = kind.columns[c]
                return spec.aliases.isEmpty ? spec.name : "\(spec.name) (\(spec.aliases.joined(separator: "/")))"
            }
            throw ExtractError(.missingColumn, file: file, line: header.line, column: kind.columns[first].name,
                               message: "the header lacks required column\(missing.count > 1 ? "s" : "") "
                                   + names.joined(separator: ", ") + " of a \(kind.rawValue) extract; nothing was loaded")
        }
        fieldIndex = index
        unknownColumns = unknown
        fieldCount = header.count
    }
}
