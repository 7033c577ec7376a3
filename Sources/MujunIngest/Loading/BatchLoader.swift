import Crypto
import Foundation
import Logging
import MujunCore
import MujunDatabase

/// Loads one extract file as one batch (spec extracts.md "Batches, idempotency, corrections").
///
/// The whole batch is one transaction, so readers see all of it or none of it, and a loader
/// killed at any moment leaves nothing behind:
/// 1. a file the size of an applied batch is hashed first and, when its SHA-256 matches an
///    applied batch, nothing is done; any other file is hashed while it loads;
/// 2. valid rows stream through libcsv and validation into the batch's own staging table with
///    `COPY … FREEZE` (a table created in the same transaction), rejects into a spool file,
///    every key into a fixed-size filter of possible duplicates; with `--encoding auto` the
///    same pass judges the encoding, and a mostly invalid UTF-8 file is loaded again as GB18030;
/// 3. the rejects are COPYed to `runs.rejects`; duplicate keys are found in SQL over the rows
///    that passed, moved to rejects, and their raw text read back from the file;
/// 4. within the reject limit, the staging table becomes a partition of the kind's history
///    table and moves to core (`ATTACH PARTITION`, `SET SCHEMA`: no copying); over it, it stays
///    in staging, refused;
/// 5. the batch row, whose CHECK constraint enforces `rows_read = rows_loaded + rows_rejected`,
///    is written last.
public final class BatchLoader {
    public let connection: Connection
    public var logger: Logger
    /// Called now and then with (bytes read, file size), for a progress bar.
    public var progress: ((Int, Int) -> Void)?

    public init(connection: Connection, logger: Logger = Logger(label: "mujun.ingest")) {
        self.connection = connection
        self.logger = logger
    }

    /// Loads `file` as a batch of `kind`. Throws `ExtractError` for a file refused as a whole
    /// (nothing is recorded then) and `DatabaseError` for database trouble.
    public func load(_ file: URL, kind: ExtractKind, options: IngestOptions) throws -> BatchReport {
        let started = Date()
        let path = file.path
        try RegularFile.require(path)
        var knownSHA: String?
        // Only a file of the size of an applied batch can be one already applied: only then is
        // it hashed before loading. Otherwise it is hashed while it loads (one pass, not two).
        if !options.force {
            let size = try BatchLoader.size(path)
            if try connection.execute("SELECT EXISTS (SELECT 1 FROM runs.batches WHERE status = 'applied' AND size_bytes = $1)",
                                      [size]).scalar() == "t" {
                let sha256 = try BatchLoader.fingerprint(path).0
                if let existing = try connection.execute("""
                    SELECT batch_id, to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at, file_name
                    FROM runs.batches WHERE sha256 = $1 AND status = 'applied' ORDER BY batch_id LIMIT 1
                    """, [sha256]).rows.first {
                    let id = Int64(existing["batch_id"].flatMap { $0 } ?? "") ?? 0
                    var report = BatchReport(
                        file: path, kind: kind, batchID: id, sha256: sha256, status: .alreadyApplied,
                        rowsRead: 0, rowsLoaded: 0, rowsRejected: 0, rejectsByReason: [:], unknownColumns: [],
                        message: "already applied as batch \(id) (\(existing["file_name"].flatMap { $0 } ?? "?"), "
                            + "\(existing["at"].flatMap { $0 } ?? "?")); nothing done (use --force to reload)",
                        asOf: nil, encoding: nil, seconds: Date().timeIntervalSince(started))
                    // A crash between the batch's commit and its move to archive/ leaves the file
                    // in the inbox without its rejects file: it is written again from runs.rejects.
                    if options.writeRejectsCSV, try connection.execute(
                        "SELECT EXISTS (SELECT 1 FROM runs.rejects WHERE batch_id = $1)", [id]).scalar() == "t" {
                        report.rejectsFile = try writeRejectsCSV(batchID: id, beside: file)
                    }
                    return report
                }
                knownSHA = sha256
            }
        }
        // `auto` reads the file as UTF-8 and judges its encoding in the same pass; a file that
        // turns out mostly invalid UTF-8 is loaded again as GB18030 (the first try rolled back).
        // It is GB18030 only when more of its lines are invalid than the reject limit lets
        // through, and never while most of it is valid UTF-8 (details.md #69).
        let judge = options.encoding == .auto ? min(options.maxRejectRatio, 0.5) : nil
        do {
            return try loadBatch(file, kind: kind, options: options, encoding: judge == nil ? options.encoding : .utf8,
                                 judgeEncoding: judge, knownSHA: knownSHA, started: started)
        } catch is ReadAsGB18030 {
            try ExtractReader.refuseUTF8MarkOnOtherText(path)
            return try loadBatch(file, kind: kind, options: options, encoding: .gb18030, judgeEncoding: nil,
                                 knownSHA: knownSHA, started: started)
        }
    }

    /// Thrown inside a batch's transaction to roll it back and load the file again as GB18030.
    private struct ReadAsGB18030: Error {}

    /// The hash of the file, fed chunk by chunk as the reader reads it.
    private final class RunningHash {
        var hasher = SHA256()
        var sniffer = EncodingSniffer()
    }

    private func loadBatch(_ file: URL, kind: ExtractKind, options: IngestOptions, encoding: ExtractEncoding,
                           judgeEncoding: Double?, knownSHA: String?, started: Date) throws -> BatchReport {
        let path = file.path
        let name = file.lastPathComponent
        let asOf = options.asOf ?? BatchLoader.asOf(fromFileName: name) ?? options.today
        let reader = try ExtractReader(path: path, encoding: encoding)
        let running = RunningHash()
        reader.chunkObserver = { chunk in
            if knownSHA == nil { running.hasher.update(bufferPointer: UnsafeRawBufferPointer(chunk)) }
            if judgeEncoding != nil, let base = chunk.baseAddress { running.sniffer.scan(base, count: chunk.count) }
        }
        var sha256 = knownSHA ?? ""
        let size = reader.fileSize
        let spool = try RejectSpool()
        var rowsRead = 0
        var unknownColumns: [String] = []
        var duplicates = 0
        var oversized = 0
        var firstOversized: Int?
        var status = BatchReport.Status.applied
        var message = ""

        let batchID: Int64 = try connection.transaction { tx in
            let batchID = Int64(try tx.execute("SELECT nextval('runs.batch_id_seq')").scalarInt())
            let table = kind.stagingTable(batchID: batchID)
            // Made by mujun_owner's function, so a loader that owns nothing can load (issue 16
            // item 6); in this transaction, so COPY … FREEZE freezes the rows.
            try tx.execute("SELECT core.create_batch_table($1, $2, $3::date)", [kind.rawValue, batchID, asOf.description])

            let rows = ByteBuffer(capacity: 64 * 1024)
            var validator: RowValidator?
            var headerSkip = max(options.headerRow, 1) - 1
            var sinceProgress = 0
            let staged = try tx.copyIn(
                "COPY \(table) (\(BatchLoader.copyColumns(kind).joined(separator: ", "))) FROM STDIN WITH (FREEZE)"
            ) { copy in
                try reader.forEachRecord { record in
                    guard let validator else {
                        if headerSkip > 0 { headerSkip -= 1; return }
                        // A header that is not UTF-8 cannot be read as UTF-8: with `auto`, the
                        // file is GB18030 (its rows are judged no further).
                        if judgeEncoding != nil, record.defect == .badEncoding { throw ReadAsGB18030() }
                        let header = try HeaderMap(header: record, kind: kind, file: path)
                        unknownColumns = header.unknownColumns
                        validator = RowValidator(kind: kind, header: header, rows: rows)
                        return
                    }
                    rowsRead += 1
                    do throws(RowValidator.Rejection) {
                        try validator.accept(record)
                    } catch {
                        try spool.add(batchID: batchID, line: record.line, column: error.column,
                                      reason: error.reason, raw: record.rawText)
                        // The spec's reason codes are a closed list (extracts.md): a record over
                        // the record limit stays wrong_field_count, and the batch's message says
                        // why (issue 16 item 11).
                        if record.rawTruncated {
                            oversized += 1
                            firstOversized = firstOversized ?? record.line
                        }
                    }
                    if rows.count >= CopyIn.pieceSize {
                        try copy.write(rows.bytes)
                        rows.removeAll()
                    }
                    sinceProgress += 1
                    if sinceProgress == 16_384, let progress = self.progress {
                        sinceProgress = 0
                        progress(reader.bytesConsumed, reader.fileSize)
                    }
                }
                guard validator != nil else {
                    throw ExtractError(.missingHeader, file: path, line: 1,
                                       message: "the file has no header record (it is empty or blank)")
                }
                try copy.write(rows.bytes)
            }
            progress?(reader.fileSize, reader.fileSize)
            if knownSHA == nil {
                sha256 = sha256Hex(running.hasher.finalize())
            }
            if let limit = judgeEncoding {
                running.sniffer.finish()
                if running.sniffer.decision(maxInvalidLineRatio: limit) == .gb18030 { throw ReadAsGB18030() }
            }

            if spool.count > 0 {
                _ = try tx.copyIn("COPY runs.rejects (batch_id, line, column_name, reason, raw) FROM STDIN") { copy in
                    try spool.replay { try copy.write($0) }
                }
            }
            duplicates = try removeDuplicates(tx, kind: kind, table: table, batchID: batchID, reader: reader, path: path,
                                              filter: validator?.duplicates)

            let loaded = staged - duplicates
            let rejected = spool.count + duplicates
            guard loaded + rejected == rowsRead else {
                throw DatabaseError(.unexpectedResult, message:
                    "row accounting does not add up for \(path): read \(rowsRead), loaded \(loaded), rejected \(rejected)")
            }
            let ratio = rowsRead == 0 ? 0 : Double(rejected) / Double(rowsRead)
            if ratio > options.maxRejectRatio {
                status = .refused
                message = String(format: "%d of %d rows rejected (%.2f%%), above the limit of %.2f%%: "
                                 + "nothing applied; rows kept in %@ and runs.rejects for inspection",
                                 rejected, rowsRead, ratio * 100, options.maxRejectRatio * 100, table)
            } else {
                // Applied rows belong to core: the partition leaves staging (a catalog change only).
                try tx.execute("SELECT core.apply_batch($1, $2)", [kind.rawValue, batchID])
                message = rejected == 0 ? "applied" : "applied; \(rejected) row\(rejected == 1 ? "" : "s") rejected"
            }
            if let line = firstOversized {
                message += "; \(oversized) record\(oversized == 1 ? "" : "s") longer than the record limit of "
                    + "\(ExtractReader.recordLimitBytes / (1024 * 1024)) MiB (a quote left open? first at line \(line)), "
                    + "rejected as wrong_field_count"
            }

            var byReason = spool.byReason
            if duplicates > 0 { byReason[.duplicateKey, default: 0] += duplicates }
            let reasonsJSON = try JSONEncoder.sorted.encode(Dictionary(uniqueKeysWithValues: byReason.map { ($0.key.rawValue, $0.value) }))
            try tx.execute("""
                INSERT INTO runs.batches (batch_id, kind, file_name, sha256, size_bytes, as_of, encoding, status, forced,
                    rows_read, rows_loaded, rows_rejected, rejects_by_reason, unknown_columns, max_reject_ratio, message,
                    started_at, finished_at, loaded_by, host, pid)
                VALUES ($1, $2, $3, $4, $5, $6::date, $7, $8, $9, $10, $11, $12, $13::jsonb, $14::text[], $15, $16,
                    $17::timestamptz, $18::timestamptz, session_user, $19, $20)
                """, [batchID, kind.rawValue, name, sha256, size, asOf.description,
                      reader.resolvedEncoding.rawValue, status.rawValue, options.force,
                      rowsRead, loaded, rejected, String(decoding: reasonsJSON, as: UTF8.self),
                      BatchLoader.textArray(unknownColumns), options.maxRejectRatio, message,
                      started.sqlTimestamp, Date().sqlTimestamp,
                      ProcessInfo.processInfo.hostName, Int(ProcessInfo.processInfo.processIdentifier)])
            return batchID
        }

        var byReason = Dictionary(uniqueKeysWithValues: spool.byReason.map { ($0.key.rawValue, $0.value) })
        if duplicates > 0 { byReason[RejectReason.duplicateKey.rawValue, default: 0] += duplicates }
        let rejected = spool.count + duplicates
        var report = BatchReport(
            file: path, kind: kind, batchID: batchID, sha256: sha256, status: status,
            rowsRead: rowsRead, rowsLoaded: rowsRead - rejected, rowsRejected: rejected,
            rejectsByReason: byReason, unknownColumns: unknownColumns, message: message,
            asOf: asOf.description, encoding: reader.resolvedEncoding.rawValue,
            seconds: Date().timeIntervalSince(started))
        if options.writeRejectsCSV {
            report.rejectsFile = try writeRejectsCSV(batchID: batchID, beside: file)
        }
        logger.debug("batch \(batchID) \(status.rawValue): \(message)")
        return report
    }

    /// Moves rows whose key repeats an earlier line of the same file to rejects
    /// (`duplicate_key`; the first wins, details.md #17) and returns how many moved.
    ///
    /// Only the keys that `filter` saw more than once can repeat; when it kept them all, the
    /// check reads just those keys (none at all, usually), otherwise the whole batch.
    private func removeDuplicates(_ tx: Connection, kind: ExtractKind, table: String, batchID: Int64,
                                  reader: ExtractReader, path: String, filter: DuplicateKeyFilter?) throws -> Int {
        let key = kind.keyColumns.joined(separator: ", ")
        var scope = table
        if let filter, filter.isExact, let candidates = filter.candidates {
            guard filter.candidateCount > 0 else { return 0 }
            try tx.execute("""
                CREATE TEMPORARY TABLE duplicate_candidates ON COMMIT DROP AS
                SELECT \(key) FROM \(table) WITH NO DATA
                """)
            _ = try tx.copyIn("COPY duplicate_candidates (\(key)) FROM STDIN") { try $0.write(candidates.bytes) }
            scope = "(SELECT t.* FROM \(table) t WHERE (\(kind.keyColumns.map { "t.\($0)" }.joined(separator: ", "))) "
                + "IN (SELECT \(key) FROM duplicate_candidates)) AS candidates"
        }
        // A hash aggregate answers "any at all?"; the sort only runs when there are.
        let any = try tx.execute("SELECT EXISTS (SELECT 1 FROM \(scope) GROUP BY \(key) HAVING count(*) > 1)").scalar()
        guard any == "t" else { return 0 }
        let moved = try tx.execute("""
            WITH ranked AS (
                SELECT line, row_number() OVER (PARTITION BY \(key) ORDER BY line) AS n FROM \(scope)
            ), gone AS (
                DELETE FROM \(table) t USING ranked r WHERE t.line = r.line AND r.n > 1 RETURNING t.line
            )
            INSERT INTO runs.rejects (batch_id, line, column_name, reason, raw)
            SELECT $1, line, $2, 'duplicate_key', '' FROM gone
            RETURNING line
            """, [batchID, kind.keyColumns[0]])
        var lines = Set<Int>()
        for r in 0..<moved.rowCount { if let l = Int(moved.string(r, 0) ?? "") { lines.insert(l) } }
        // The raw text of those lines, read again from the file (duplicates are rare; keeping
        // every key in memory to catch them in one pass would not be flat).
        let again = try ExtractReader(path: path, encoding: reader.resolvedEncoding)
        var raw: [DuplicateRaw] = []
        try again.forEachRecord { record in
            guard lines.contains(record.line) else { return }
            raw.append(DuplicateRaw(line: record.line, raw: record.rawText.replacingOccurrences(of: "\u{0}", with: "\\x00")))
        }
        // One JSON parameter rather than a temporary table to join: on Citus, runs.rejects is a
        // reference table, which an UPDATE cannot join to a table of this session alone.
        let json = String(decoding: try JSONEncoder.sorted.encode(raw), as: UTF8.self)
        try tx.execute("""
            UPDATE runs.rejects r SET raw = d.raw FROM jsonb_to_recordset($2::jsonb) AS d (line integer, raw text)
            WHERE r.batch_id = $1 AND r.line = d.line AND r.reason = 'duplicate_key'
            """, [batchID, json])
        return lines.count
    }

    /// A repeated key's line and its text, as the reject keeps it.
    private struct DuplicateRaw: Encodable {
        let line: Int
        let raw: String
    }

    /// Writes `FILE.rejects.csv` beside the file: UTF-8, header `line,column,reason,raw`,
    /// ordered by line; written under a temporary name and renamed, so it is whole or absent.
    public func writeRejectsCSV(batchID: Int64, beside file: URL) throws -> String {
        let target = file.deletingLastPathComponent()
            .appendingPathComponent(BatchLoader.rejectsFileName(for: file.lastPathComponent))
        let temporary = target.appendingPathExtension("tmp")
        // A leftover (or a planted link) is removed, never followed: the file is made anew,
        // exclusively (issue 16 item 5).
        unlink(temporary.path)
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o640)
        guard fd >= 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary.path,
                                                                NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try connection.copyOut("""
                COPY (SELECT line, column_name AS "column", reason, raw FROM runs.rejects
                      WHERE batch_id = \(batchID) ORDER BY line) TO STDOUT WITH (FORMAT csv, HEADER)
                """) { piece in try handle.write(contentsOf: Data(piece)) }
            try handle.synchronize()
            try handle.close()
            _ = try? FileManager.default.removeItem(at: target)
            try FileManager.default.moveItem(at: temporary, to: target)
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        return target.path
    }

    /// `STEM.rejects.csv`, cut so that it fits the 255-byte name limit with room for its
    /// temporary `.tmp`, and for the `<batch_id>-` and `.N` of its archived name (`FileNameLimit`;
    /// before, a name of 244 bytes failed after its batch had committed).
    public static func rejectsFileName(for name: String) -> String {
        let stem = name.lowercased().hasSuffix(".csv") ? String(name.dropLast(4)) : name
        return FileNameLimit.fit(stem, ".rejects.csv", reserve: 24)
    }

    static func copyColumns(_ kind: ExtractKind) -> [String] {
        ["line"] + kind.columns.map(\.name) + (kind.normalisedNameColumn.map { [$0.stored] } ?? [])
    }

    /// The first valid date in a file name (details.md #70).
    public static func asOf(fromFileName name: String) -> CalendarDay? {
        DateParsing.firstDateInFileName(name).flatMap { CalendarDay(year: $0.year, month: $0.month, day: $0.day) }
    }

    /// The size of a file, or `cannotRead` when it is missing.
    static func size(_ path: String) throws -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw ExtractError(.cannotRead, file: path, message: "no such file")
        }
        return Int(info.st_size)
    }

    /// SHA-256 (hex) and size of a file, read in 1 MiB pieces.
    public static func fingerprint(_ path: String) throws -> (String, Int) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ExtractError(.cannotRead, file: path, message: FileManager.default.fileExists(atPath: path)
                               ? "cannot be read (permissions?)" : "no such file")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        var size = 0
        while let data = try handle.read(upToCount: 1 << 20), !data.isEmpty {
            hasher.update(data: data)
            size += data.count
        }
        return (sha256Hex(hasher.finalize()), size)
    }

    /// A PostgreSQL array literal of text values, every element quoted and escaped.
    static func textArray(_ values: [String]) -> String {
        "{" + values.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"") + "\"" }.joined(separator: ",") + "}"
    }
}
