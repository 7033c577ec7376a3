import MujunCore

/// Checks one data record of an extract against its kind and writes it, in COPY text format,
/// as a row of the batch's staging table; or says why it is rejected.
///
/// Defects are looked for in the order of details.md #6: record-level (`bad_encoding`,
/// `wrong_field_count`, `bad_quoting`), then column by column in the spec table's order
/// (`missing_required`, the type's own code, `negative_value`), then the kind's row rules.
/// `duplicate_key` is left to SQL, over the rows that passed (details.md #17).
final class RowValidator {
    struct Rejection: Error {
        let reason: RejectReason
        let column: String
    }

    let kind: ExtractKind
    let columns: [ColumnSpec]
    let header: HeaderMap
    let rows: ByteBuffer
    /// Per column, in the spec table's order, flattened once per file: the type, whether it is
    /// required, and the record field it comes from (-1: not in the file). The per-field loop
    /// reads these plain buffers; reading `columns[c]` copied a struct holding Strings and
    /// `[Int?]` elements, and the retains and releases of that cost ~8 % of a load's client time.
    private let types: UnsafeMutablePointer<FieldType>
    private let required: UnsafeMutablePointer<Bool>
    private let sources: UnsafeMutablePointer<Int>
    /// Where each column's canonical text starts and ends in `rows` (start -1: NULL), for the
    /// row rules.
    private let spanStarts: UnsafeMutablePointer<Int>
    private let spanEnds: UnsafeMutablePointer<Int>
    private let amountColumns: [Int]
    private let normalisedSource: Int?
    private let crossField: [(later: Int, earlier: Int, isArea: Bool)]
    private let keyIndexes: [Int]
    /// Sees the key of every accepted row, to find possible duplicates with flat memory.
    let duplicates = DuplicateKeyFilter()

    /// The staging table's columns, in the order rows are written.
    var copyColumns: [String] {
        ["line"] + columns.map(\.name) + (kind.normalisedNameColumn.map { [$0.stored] } ?? [])
    }

    init(kind: ExtractKind, header: HeaderMap, rows: ByteBuffer) {
        self.kind = kind
        self.columns = kind.columns
        self.header = header
        self.rows = rows
        let count = kind.columns.count
        types = .allocate(capacity: count)
        required = .allocate(capacity: count)
        sources = .allocate(capacity: count)
        spanStarts = .allocate(capacity: count)
        spanEnds = .allocate(capacity: count)
        for (c, column) in kind.columns.enumerated() {
            types[c] = column.type
            required[c] = column.required
            sources[c] = header.fieldIndex[c] ?? -1
            spanStarts[c] = -1
            spanEnds[c] = -1
        }
        let names = kind.columns.map(\.name)
        func index(_ name: String) -> Int { names.firstIndex(of: name)! }
        amountColumns = names.indices.filter { kind.allEmptyColumns.contains(names[$0]) }
        normalisedSource = kind.normalisedNameColumn.map { index($0.source) }
        keyIndexes = kind.keyColumns.map(index)
        // Parcels' cross-field rules (spec extracts.md `parcels`), in the spec's order; the
        // reported column is the one whose value contradicts the other.
        crossField = kind == .parcels ? [
            (index("developed_area_m2"), index("area_m2"), true),       // developed > area
            (index("agreed_start_on"), index("supplied_on"), false),    // agreed start < supplied
            (index("production_start_on"), index("actual_start_on"), false),  // production < start
        ] : []
    }

    deinit {
        types.deallocate()
        required.deallocate()
        sources.deallocate()
        spanStarts.deallocate()
        spanEnds.deallocate()
    }

    /// The span of column c, or nil when it is NULL.
    private func span(_ c: Int) -> (start: Int, end: Int)? {
        spanStarts[c] < 0 ? nil : (spanStarts[c], spanEnds[c])
    }

    /// Validates `record`; on success its row is appended to `rows`, otherwise nothing is.
    func accept(_ record: CSVRecord) throws(Rejection) {
        if let defect = record.defect, defect == .badEncoding {
            throw Rejection(reason: .badEncoding, column: "")
        }
        if let defect = record.defect {
            // A badly quoted record's parsed fields are partial; count them leniently from its
            // text, because a wrong field count still takes precedence (details.md #6).
            let count = RowValidator.lenientFieldCount(record.rawText)
            throw Rejection(reason: count == header.fieldCount ? defect : .wrongFieldCount, column: "")
        }
        if record.count != header.fieldCount {
            throw Rejection(reason: .wrongFieldCount, column: "")
        }
        let rowStart = rows.count
        rows.appendDecimal(record.line)
        for c in 0..<columns.count {
            rows.append(0x09)
            let f = sources[c]
            guard f >= 0, let value = record.field(f) else {
                if required[c] {
                    rows.truncate(to: rowStart)
                    throw Rejection(reason: .missingRequired, column: columns[c].name)
                }
                rows.append(0x5C)
                rows.append(0x4E)  // \N
                spanStarts[c] = -1
                continue
            }
            let start = rows.count
            do {
                // Whether the field was quoted matters only to a comma in a number (details #9);
                // finding out means lexing the record's raw text again, so only a field with a
                // comma asks.
                let quoted = value.contains(0x2C) && record.isQuoted(f)
                try FieldParser.parse(types[c], value, quoted: quoted, into: rows)
            } catch {
                rows.truncate(to: rowStart)
                throw Rejection(reason: error, column: columns[c].name)
            }
            spanStarts[c] = start
            spanEnds[c] = rows.count
        }
        if !amountColumns.isEmpty, amountColumns.allSatisfy({ spanStarts[$0] < 0 }) {
            rows.truncate(to: rowStart)
            throw Rejection(reason: .missingRequired, column: "")
        }
        for rule in crossField {
            // Skipped when a side is NULL (details.md #16).
            guard let later = span(rule.later), let earlier = span(rule.earlier) else { continue }
            let violated = rule.isArea
                ? number(later) > number(earlier)        // developed_area_m2 > area_m2
                : compare(later, earlier) < 0             // canonical YYYY-MM-DD sorts as dates
            if violated {
                rows.truncate(to: rowStart)
                throw Rejection(reason: .outOfRange, column: columns[rule.later].name)
            }
        }
        if let source = normalisedSource, let f = header.fieldIndex[source], let name = record.string(f) {
            rows.append(0x09)
            do {
                try CopyText.append(NameNormalizer.normalize(name), to: rows)
            } catch {
                rows.truncate(to: rowStart)
                throw Rejection(reason: error, column: columns[source].name)
            }
        }
        rows.append(0x0A)
        // Key columns are required, so each has a span; every kind has one or two.
        let first = span(keyIndexes[0])!
        let firstKey = UnsafeBufferPointer(rebasing: rows.bytes[first.start..<first.end])
        if keyIndexes.count == 2, let second = span(keyIndexes[1]) {
            duplicates.add(firstKey, UnsafeBufferPointer(rebasing: rows.bytes[second.start..<second.end]))
        } else {
            duplicates.add(firstKey, nil)
        }
    }

    /// Fields of a record read the forgiving way: a `"` opens a quoted part only at the start
    /// of a field; after it closes, anything up to the next comma belongs to the same field.
    static func lenientFieldCount(_ raw: String) -> Int {
        var count = 1
        var atFieldStart = true
        var inQuotes = false
        var iterator = raw.utf8.makeIterator()
        var pending: UInt8? = nil
        while let byte = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    let next = iterator.next()
                    if next != UInt8(ascii: "\"") { inQuotes = false; pending = next }
                }
                continue
            }
            if byte == UInt8(ascii: ",") {
                count += 1
                atFieldStart = true
                continue
            }
            if byte == UInt8(ascii: "\""), atFieldStart { inQuotes = true }
            atFieldStart = false
        }
        return count
    }

    private func text(_ span: (start: Int, end: Int)) -> Substring {
        let bytes = UnsafeBufferPointer(rebasing: rows.bytes[span.start..<span.end])
        return Substring(decoding: bytes, as: UTF8.self)
    }

    /// Areas are at most 12 integer digits and 2 decimals: exact enough in a Double to order
    /// two of them correctly.
    private func number(_ span: (start: Int, end: Int)) -> Double { Double(text(span)) ?? 0 }

    private func compare(_ a: (start: Int, end: Int), _ b: (start: Int, end: Int)) -> Int {
        let x = text(a), y = text(b)
        return x == y ? 0 : (x < y ? -1 : 1)
    }
}
