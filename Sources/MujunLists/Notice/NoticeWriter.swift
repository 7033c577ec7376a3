import Foundation
import Logging
import MujunCore
import MujunDatabase
import MujunGrading
import MujunResources

/// `mujun notice RUN --from DATE [--days N] --out DIR`: puts an unpublished run of year Y under
/// public notice (公示) for N calendar days (procedure.md §1; details.md #119, #128, #129), and
/// writes `DIR/notice/Y/run-RUN/` — `notice.csv`, `notice.xlsx`, one letter (告知书) per
/// enterprise in `letters/<uscc>.html`, and `manifest.json` with every file's SHA-256 — under
/// the list file rules (staging folder, exclusive 0640 files, fsync, one rename; bilingual
/// header; byte-reproducible).
///
/// All or nothing: the notice is recorded in one transaction, and its folder is published just
/// before that transaction commits. A kill before the rename leaves neither; a kill between the
/// rename and the commit leaves the files without a notice, and rerunning the command records
/// it and writes the same bytes again. Noticing a second run of the year withdraws the open
/// notice and moves its unanswered objections to the new one.
public final class NoticeWriter {
    public let connection: Connection
    public var logger = Logger(label: "mujun.notice")
    /// Test hook: runs after the files are staged, before the folder is published (a kill there).
    var beforePublish: ((URL) throws -> Void)?
    /// Test hook: runs after the folder is published, before the transaction commits.
    var beforeCommit: (() throws -> Void)?

    public init(connection: Connection) { self.connection = connection }

    /// What `mujun notice` reports.
    public struct Summary: Sendable, Codable, Equatable {
        public var noticeID: Int64
        public var runID: Int64
        public var year: Int
        public var noticeFrom: String
        public var noticeUntil: String
        public var folder: String
        public var rows: Int
        public var letters: Int
        /// The notice this one withdrew (another run of the year), if any.
        public var withdrew: Int64?

        enum CodingKeys: String, CodingKey {
            case noticeID = "notice_id", runID = "run_id", year, noticeFrom = "notice_from", noticeUntil = "notice_until"
            case folder, rows, letters, withdrew
        }
    }

    /// The columns of notice.csv before the indicators and after them (details.md #128).
    static let leadingColumns: [ListColumn] = [
        ListColumn("评价年度", "year", ""),
        ListColumn("统一社会信用代码", "uscc", ""),
        ListColumn("企业名称", "enterprise_name", ""),
        ListColumn("区划代码", "region_code", ""),
        ListColumn("组别", "cohort", ""),
        ListColumn("评价等级", "grade", ""),
        ListColumn("计算等级", "computed_grade", ""),
        ListColumn("得分", "score", ""),
        ListColumn("排名", "rank", ""),
        ListColumn("组内企业数", "cohort_size", ""),
    ]
    static let reasonsColumn = ListColumn("原因", "reasons", "")

    public func notice(_ runID: Int64, from: CalendarDay, days: Int? = nil, to out: URL, encoding: ListEncoding = .utf8BOM,
                       generatorVersion: String, madeBy: String, today: CalendarDay,
                       timeZone: String = ProcessInfo.processInfo.environment["MUJUN_TIMEZONE"] ?? "Asia/Shanghai") throws -> Summary {
        let script = try SQLScript(contentsOf: MujunResources.sqlDirectory.appendingPathComponent("procedure/notice.sql"),
                                   name: "sql/procedure/notice.sql")
        return try connection.withLock(.evaluate) {
            try connection.withLock(.operatorEntry) {
                try connection.transaction(.repeatableRead) { tx in
                    try write(runID, from: from, days: days, out: out, encoding: encoding, script: script,
                              generatorVersion: generatorVersion, madeBy: madeBy, today: today, timeZone: timeZone, in: tx)
                }
            }
        }
    }

    private func write(_ runID: Int64, from: CalendarDay, days: Int?, out: URL, encoding: ListEncoding, script: SQLScript,
                       generatorVersion: String, madeBy: String, today: CalendarDay, timeZone: String,
                       in tx: Connection) throws -> Summary {
        let run = try RunProcedureState.load(runID, in: tx, timeZone: timeZone)
        let year = run.year
        if run.isWhatIf {
            throw GradingError(.refused, "run \(runID) is a --compare what-if: it is never put under notice")
        }
        if let on = run.publishedOn {
            throw GradingError(.refused, "run \(runID) was published on \(on): notice a new run of \(year) to replace it")
        }
        if run.noticeID != nil {
            if let withdrawn = run.withdrawnOn {
                throw GradingError(.refused, "the notice of run \(runID) was withdrawn on \(withdrawn); evaluate \(year) again to notice anew")
            }
            throw GradingError(.refused, "run \(runID) is already under notice, \(run.noticeFrom ?? "")–\(run.noticeUntil?.description ?? "")")
        }
        if let computed = run.computedOn, from < computed {
            throw GradingError(.refused, "--from \(from) is before the day run \(runID) was computed (\(computed))")
        }
        let profileDays = run.noticeDays
        let days = days ?? profileDays
        let until = from.adding(days: days - 1)
        let folderURL = out.appendingPathComponent("notice", isDirectory: true)
            .appendingPathComponent(String(year), isDirectory: true)
            .appendingPathComponent("run-\(runID)", isDirectory: true)
        var folder = try ListFolder(folderURL)
        defer { folder.discard() }

        let noticeID = Int64(try tx.execute("""
            INSERT INTO runs.notices (run_id, year, notice_from, notice_until, days, folder, manifest_sha256, made_by, made_at)
            VALUES ($1, $2, $3::date, $4::date, $5, $6, '', $7, clock_timestamp()) RETURNING notice_id
            """, [runID, year, from.description, until.description, days, folderURL.path, madeBy]).scalarInt())
        // Withdraw the open notice of the year (details.md #119: its open objections move here).
        let withdrawn = try tx.execute("""
            UPDATE runs.notices n SET withdrawn_on = $3::date, withdrawn_by = $2
            FROM runs.evaluation_runs r
            WHERE r.run_id = n.run_id AND n.year = $1 AND n.notice_id <> $2 AND n.withdrawn_on IS NULL AND r.published_on IS NULL
            RETURNING n.notice_id
            """, [year, noticeID, today.description])
        let withdrew = withdrawn.rowCount > 0 ? withdrawn.string(0, 0).flatMap { Int64($0) } : nil
        try tx.execute("""
            UPDATE runs.objections SET notice_id = $1
            WHERE answered_at IS NULL AND notice_id IN (SELECT notice_id FROM runs.notices WHERE withdrawn_by = $1)
            """, [Int(noticeID)])

        try SQLRunner([script], settings: [("mujun.run_id", String(runID)), ("mujun.notice_from", from.description),
                                           ("mujun.notice_until", until.description)], logger: logger).run(in: tx)
        let indicators = try tx.execute("SELECT name_zh, indicator FROM notice_indicators ORDER BY catalogue_order")
        let columns = NoticeWriter.leadingColumns
            + (0..<indicators.rowCount).map { ListColumn(indicators.string($0, 0) ?? "", indicators.string($0, 1) ?? "", "") }
            + [NoticeWriter.reasonsColumn]
        let rows = try tx.execute("""
            SELECT to_jsonb(fields)::text, letter::text FROM notice_rows ORDER BY region_code COLLATE "C", uscc COLLATE "C"
            """)
        var csv = ListCSV(columns: columns)
        var fields: [[String?]] = []
        fields.reserveCapacity(rows.rowCount)
        var files: [(name: String, data: Data)] = []
        let decoder = JSONDecoder()
        for r in 0..<rows.rowCount {
            let row = try decoder.decode([String?].self, from: Data((rows.string(r, 0) ?? "[]").utf8))
            fields.append(row)
            csv.append(row: row)
            let letter = try decoder.decode(NoticeLetter.self, from: Data((rows.string(r, 1) ?? "{}").utf8))
            files.append(("letters/\(letter.uscc).html", letter.html()))
        }
        files.insert(("notice.csv", try encoding.encode(csv.text, file: "notice.csv")), at: 0)
        files.insert(("notice.xlsx", try ListWorkbook.xlsx(sheetName: "notice", columns: columns, rows: fields, date: from)), at: 1)
        let manifest = NoticeManifest(
            runID: runID, year: year, policy: run.policyName,
            policySHA256: run.policySHA256, noticeFrom: from.description,
            noticeUntil: until.description, days: days, rowCount: csv.rowCount, letterCount: rows.rowCount,
            encoding: encoding.rawValue,
            files: Dictionary(uniqueKeysWithValues: files.map { ($0.name, sha256Hex($0.data)) }),
            generatorVersion: generatorVersion)
        let manifestData = try manifest.jsonData()
        try folder.makeFolder("letters")
        for (name, data) in files { try folder.stage(name, data) }
        try folder.stage("manifest.json", manifestData)
        try tx.execute("UPDATE runs.notices SET manifest_sha256 = $2 WHERE notice_id = $1", [noticeID, sha256Hex(manifestData)])

        try beforePublish?(folder.staging)
        try folder.commit()
        try beforeCommit?()
        logger.debug("notice \(noticeID): run \(runID), \(from)–\(until), \(csv.rowCount) rows")
        return Summary(noticeID: noticeID, runID: runID, year: year, noticeFrom: from.description,
                       noticeUntil: until.description, folder: folderURL.path, rows: csv.rowCount,
                       letters: rows.rowCount, withdrew: withdrew)
    }
}
