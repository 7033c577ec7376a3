import Foundation
import MujunCore

/// The load report of one `mujun ingest` (spec extracts.md "Row accounting"), after pgloader's:
/// a row per file and a total row that accounts for every row read, as one value that prints
/// as the table on stderr and encodes as the `--json` document.
///
/// A file refused as a whole (missing, unreadable, an Excel workbook, a kind the name does not
/// tell) is a row too, with status `refused`, zero rows and the reason: the report lists every
/// file it was given, and its total says how many were applied.
public struct LoadReport: Sendable, Codable, Equatable {
    /// One file's row: its batch, or the reason it was refused before a batch began, and
    /// where the drop folder moved it. Its JSON is the batch's own (`BatchReport`'s keys, those
    /// of `runs.batches`) with `moved_to` added; a file refused before a batch has the same
    /// keys with zero rows, and none of those that only a batch has (`batch_id`, `sha256`…).
    public struct File: Sendable, Codable, Equatable {
        public var file: String
        /// Nil for a drop-folder file whose name names no kind.
        public var kind: ExtractKind?
        /// Nil when the file was refused before a batch began; `refusal` then says why.
        public var batch: BatchReport?
        public var refusal: String?
        public var movedTo: String?

        public var status: BatchReport.Status { batch?.status ?? .refused }
        public var rowsRead: Int { batch?.rowsRead ?? 0 }
        public var rowsLoaded: Int { batch?.rowsLoaded ?? 0 }
        public var rowsRejected: Int { batch?.rowsRejected ?? 0 }
        public var message: String { batch?.message ?? refusal ?? "" }
        public var seconds: Double { batch?.seconds ?? 0 }

        public init(_ batch: BatchReport, movedTo: String? = nil) {
            file = batch.file
            kind = batch.kind
            self.batch = batch
            self.movedTo = movedTo
        }

        public init(refused file: String, kind: ExtractKind?, reason: String, movedTo: String? = nil) {
            self.file = file
            self.kind = kind
            refusal = reason
            self.movedTo = movedTo
        }

        enum CodingKeys: String, CodingKey {
            case file, kind, status, message, sha256
            case rowsRead = "rows_read", rowsLoaded = "rows_loaded", rowsRejected = "rows_rejected"
            case rejectsByReason = "rejects_by_reason", unknownColumns = "unknown_columns", seconds
            case movedTo = "moved_to"
        }

        public func encode(to encoder: Encoder) throws {
            var keys = encoder.container(keyedBy: CodingKeys.self)
            if let batch {
                try batch.encode(to: encoder)
            } else {
                try keys.encode(file, forKey: .file)
                try keys.encodeIfPresent(kind, forKey: .kind)
                try keys.encode(status, forKey: .status)
                try keys.encode(message, forKey: .message)
                for key in [CodingKeys.rowsRead, .rowsLoaded, .rowsRejected] { try keys.encode(0, forKey: key) }
                try keys.encode([String: Int](), forKey: .rejectsByReason)
                try keys.encode([String](), forKey: .unknownColumns)
                try keys.encode(0.0, forKey: .seconds)
            }
            try keys.encodeIfPresent(movedTo, forKey: .movedTo)
        }

        /// Every batch has a SHA-256; a file refused before its batch has none.
        public init(from decoder: Decoder) throws {
            let keys = try decoder.container(keyedBy: CodingKeys.self)
            file = try keys.decode(String.self, forKey: .file)
            kind = try keys.decodeIfPresent(ExtractKind.self, forKey: .kind)
            movedTo = try keys.decodeIfPresent(String.self, forKey: .movedTo)
            if keys.contains(.sha256) {
                batch = try BatchReport(from: decoder)
            } else {
                refusal = try keys.decode(String.self, forKey: .message)
            }
        }
    }

    /// The sums over every file: `rowsRead = rowsLoaded + rowsRejected` because it holds for each.
    public struct Total: Sendable, Codable, Equatable {
        public var files = 0
        public var applied = 0
        public var alreadyApplied = 0
        public var refused = 0
        public var rowsRead = 0
        public var rowsLoaded = 0
        public var rowsRejected = 0
        public var seconds = 0.0

        enum CodingKeys: String, CodingKey {
            case files, applied, refused, seconds
            case alreadyApplied = "already_applied"
            case rowsRead = "rows_read"
            case rowsLoaded = "rows_loaded"
            case rowsRejected = "rows_rejected"
        }
    }

    public private(set) var files: [File] = []
    public private(set) var total = Total()
    /// Drop-folder entries left where they are, and why (`.part` files, folders, FIFOs, names
    /// not ending `.csv`…): every entry of the folder is in the report (issue 16 item 2).
    public private(set) var skipped: [Skip] = []

    public struct Skip: Sendable, Codable, Equatable {
        public var name: String
        public var reason: String
    }

    public mutating func skip(_ name: String, because reason: String) {
        skipped.append(Skip(name: name, reason: reason))
    }

    public init() {}

    public mutating func append(_ file: File) {
        files.append(file)
        total.files += 1
        switch file.status {
        case .applied: total.applied += 1
        case .alreadyApplied: total.alreadyApplied += 1
        case .refused: total.refused += 1
        }
        total.rowsRead += file.rowsRead
        total.rowsLoaded += file.rowsLoaded
        total.rowsRejected += file.rowsRejected
        total.seconds += file.seconds
    }

    /// The `--json` document: sorted keys, so that two reports of the same load compare as text.
    public func json() throws -> Data {
        try JSONEncoder.sortedPretty.encode(self)
    }

    static let headers = ["file", "kind", "status", "batch", "read", "loaded", "rejected", "seconds"]
    /// Columns aligned right: the numbers.
    static let rightAligned: Set<Int> = [3, 4, 5, 6, 7]

    /// The table, then one note per file that needs one (why it was refused, the rejects by
    /// reason, ignored columns, where rejects and the file went). Files are named by their last
    /// path component in the table and in the notes.
    public var text: String {
        func name(_ path: String) -> String { URL(fileURLWithPath: path).lastPathComponent }
        func seconds(_ s: Double) -> String { String(format: "%.1f", s) }
        var rows: [[String]] = files.map { f in
            [name(f.file), f.kind?.rawValue ?? "?", f.status.rawValue, f.batch?.batchID.map(String.init) ?? "-",
             String(f.rowsRead), String(f.rowsLoaded), String(f.rowsRejected), seconds(f.seconds)]
        }
        let totalRow = ["total", "", "\(total.files) file\(total.files == 1 ? "" : "s")", "",
                        String(total.rowsRead), String(total.rowsLoaded), String(total.rowsRejected), seconds(total.seconds)]
        let widths = LoadReport.headers.indices.map { c in
            ([LoadReport.headers[c], totalRow[c]] + rows.map { $0[c] }).map(LoadReport.displayWidth).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - LoadReport.displayWidth(cell))
                return LoadReport.rightAligned.contains(c) ? pad + cell : cell + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        rows = [LoadReport.headers] + rows
        var out = line(rows[0]) + "\n" + rule + "\n"
        for row in rows.dropFirst() { out += line(row) + "\n" }
        out += rule + "\n" + line(totalRow) + "\n"
        out += "applied \(total.applied), already applied \(total.alreadyApplied), refused \(total.refused)\n"

        var notes = ""
        for f in files {
            var lines: [String] = []
            if f.status != .applied || f.rowsRejected > 0 { lines.append(f.message) }
            if let batch = f.batch, !batch.rejectsByReason.isEmpty {
                lines.append("rejected: " + batch.rejectsByReason.sorted { $0.key < $1.key }
                    .map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            }
            if let batch = f.batch, !batch.unknownColumns.isEmpty {
                lines.append("ignored unknown columns: " + batch.unknownColumns.joined(separator: ", "))
            }
            if let rejects = f.batch?.rejectsFile { lines.append("rejects written to \(rejects)") }
            if let moved = f.movedTo { lines.append("moved to \(moved)") }
            guard !lines.isEmpty else { continue }
            notes += "\(name(f.file)):\n" + lines.map { "    \($0)\n" }.joined()
        }
        if !skipped.isEmpty {
            notes += "left in the drop folder:\n" + skipped.map { "    \($0.name): \($0.reason)\n" }.joined()
        }
        return notes.isEmpty ? out : out + "\n" + notes
    }

    /// Columns in a terminal: East Asian wide characters (a Chinese file name) take two.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, s in
            switch s.value {
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
                 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
                return width + 2
            default:
                return width + 1
            }
        }
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
