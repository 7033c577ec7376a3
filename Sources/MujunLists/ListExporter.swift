import Foundation
import Logging
import MujunCore
import MujunDatabase
import MujunPolicy
import MujunResources

/// `mujun export`: writes the differential-policy lists (差别化政策清单, spec lists.md) that other
/// departments act on, and records every export in PostgreSQL.
///
/// One export = one list and one date, in one transaction under the export lock: the profile
/// is recorded, the inputs resolved (`ListInputs`), the export row inserted, the rule files of
/// `sql/lists/` write the rows to `runs.list_rows`, and the files are built from those rows and
/// written under temporary names (`ListFolder`). The transaction commits with the rows, the
/// counts and the files' hashes; only then are the files renamed to their final names. A crash
/// before the commit leaves no export and no final file; a crash between commit and rename
/// leaves a recorded export whose files are still `.part` (rerunning writes them again).
/// Exporting twice from the same data gives byte-identical files.
public final class ListExporter {
    public let connection: Connection
    public var logger = Logger(label: "mujun.export")

    /// Test hook: runs after the files are staged (given the staging folder), before the commit.
    var beforeCommit: ((URL) throws -> Void)?
    /// Test hook: runs after the commit, before the folder is published (a kill there).
    var beforePublish: ((URL) throws -> Void)?

    public init(connection: Connection) { self.connection = connection }

    /// The folder of the rule files: the bundled copy of `sql/lists/`.
    public static var ruleDirectory: URL {
        MujunResources.sqlDirectory.appendingPathComponent("lists", isDirectory: true)
    }

    /// Exports `lists` (in the order given) dated `date` into `OUT/<list>/<date>/`.
    ///
    /// - Parameters:
    ///   - generatorVersion: written into every manifest (e.g. `mujun 0.1.0`).
    ///   - madeBy: who exported (the login user), kept with the export.
    public func export(_ lists: [PolicyList], date: CalendarDay, to out: URL, encoding: ListEncoding = .utf8BOM,
                       policy: PolicyProfile, generatorVersion: String, madeBy: String) throws -> [ListExportSummary] {
        // Read before the lock is taken: a missing file fails before anything starts.
        let scripts = try Dictionary(lists.map { list in
            (list, try SQLScript.files(list.sqlFiles + ["changes.sql"], in: ListExporter.ruleDirectory,
                                       displayedAs: "sql/lists"))
        }, uniquingKeysWith: { first, _ in first })
        return try connection.withLock(.export) {
            try lists.map { list in
                try export(list, date: date, to: out, encoding: encoding, policy: policy, scripts: scripts[list] ?? [],
                           generatorVersion: generatorVersion, madeBy: madeBy)
            }
        }
    }

    private func export(_ list: PolicyList, date: CalendarDay, to out: URL, encoding: ListEncoding, policy: PolicyProfile,
                        scripts: [SQLScript], generatorVersion: String, madeBy: String) throws -> ListExportSummary {
        let started = Date()
        var folder = try ListFolder(out.appendingPathComponent(list.rawValue, isDirectory: true)
            .appendingPathComponent(date.description, isDirectory: true))
        defer { folder.discard() }
        // One snapshot for the whole export, and no batch applied while it reads (issue 16 item
        // 1): its rows, its changes and the runs it names are read at one moment.
        let summary: ListExportSummary = try connection.transaction(.repeatableRead) { tx in
            try tx.holdAppliedExtracts()
            try policy.record(in: tx, at: started)
            let inputs = try ListInputs.resolve(on: date, in: tx)
            let previous = try previousExport(of: list, before: date, in: tx)
            let exportID = Int64(try tx.execute("SELECT nextval('runs.list_export_id_seq')").scalarInt())
            try tx.execute("""
                INSERT INTO runs.list_exports (export_id, list, list_date, policy_name, policy_sha256, evaluation_run_id,
                                               evaluation_year, flag_run_id, flag_as_of, previous_export_id, encoding,
                                               folder, generator_version, made_at, made_by)
                VALUES ($1, $2, $3::date, $4, $5, $6, $7, $8, $9::date, $10, $11, $12, $13, $14::timestamptz, $15)
                """, [exportID, list.rawValue, date.description, policy.name, policy.sha256,
                      inputs.evaluationRunID.map(Int.init), inputs.evaluationYear, inputs.flagRunID.map(Int.init),
                      inputs.flagAsOf, previous.map { Int($0.id) }, encoding.rawValue, folder.url.path, generatorVersion,
                      started.sqlTimestamp, madeBy])
            try writeRows(list, exportID: exportID, previousID: previous?.id, date: date, inputs: inputs, policy: policy,
                          scripts: scripts, in: tx)

            // The files, from the rows just written; the manifest last.
            var files: [(name: String, data: Data)] = []
            let (changesCSV, counts) = try changes(list, in: tx)
            files.append(("changes.csv", try encoding.encode(changesCSV.text, file: "changes.csv")))
            var noAccountCount = 0
            if list.isPerAccount {
                let (noAccount, _) = try csv(list.noAccountColumns, from: "runs.list_no_account r",
                                             order: #"r.region_code COLLATE "C", r.uscc COLLATE "C""#, exportID: exportID, in: tx)
                noAccountCount = noAccount.rowCount
                files.append(("no_account.csv", try encoding.encode(noAccount.text, file: "no_account.csv")))
            }
            let (listCSV, listRows) = try csv(list.columns, from: "runs.list_rows r", order: list.order,
                                              exportID: exportID, in: tx)
            files.append((list.fileName, try encoding.encode(listCSV.text, file: list.fileName)))
            files.append((list.rawValue + ".xlsx",
                          try ListWorkbook.xlsx(sheetName: list.rawValue, columns: list.columns, rows: listRows, date: date)))
            let manifest = ListManifest(
                list: list.rawValue, listDate: date.description, policy: policy.name, policySHA256: policy.sha256,
                evaluationRun: inputs.evaluationRunID, evaluationYear: inputs.evaluationYear,
                flagRun: inputs.flagRunID, flagAsOf: inputs.flagAsOf, changesSince: previous?.date,
                rowCount: listCSV.rowCount, noAccountCount: noAccountCount,
                added: counts.added, removed: counts.removed, changed: counts.changed, encoding: encoding.rawValue,
                recipient: list.isEnterpriseList ? policy.value(at: ["lists", "enterprise_lists", list.rawValue, "recipient"])
                    .flatMap { if case .string(let s) = $0 { return s } else { return nil } } : nil,
                files: Dictionary(uniqueKeysWithValues: files.map { ($0.name, ListExporter.sha256($0.data)) }),
                generatorVersion: generatorVersion)
            files.append(("manifest.json", try manifest.jsonData()))
            for (name, data) in files { try folder.stage(name, data) }

            let recorded = Dictionary(uniqueKeysWithValues: files.map { ($0.name, ListExporter.sha256($0.data)) })
            try tx.execute("""
                UPDATE runs.list_exports
                SET row_count = $2, no_account_count = $3, added = $4, removed = $5, changed = $6, files = $7::jsonb
                WHERE export_id = $1
                """, [exportID, listCSV.rowCount, noAccountCount, counts.added, counts.removed, counts.changed,
                      String(decoding: try JSONSerialization.data(withJSONObject: recorded, options: [.sortedKeys]),
                             as: UTF8.self)])
            try beforeCommit?(folder.staging)
            return ListExportSummary(exportID: exportID, list: list.rawValue, listDate: date.description,
                                     folder: folder.url.path, manifest: manifest)
        }
        try beforePublish?(folder.staging)
        try folder.commit()
        // Published: from now on the export is the one later exports' changes compare with. A
        // kill before this line leaves it recorded but unpublished (published_at NULL), and the
        // next export of the list and date publishes a new one.
        try connection.execute("UPDATE runs.list_exports SET published_at = $2::timestamptz WHERE export_id = $1",
                               [summary.exportID, Date().sqlTimestamp])
        let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
        logger.debug("export \(summary.exportID): \(list.rawValue) \(date.description), \(summary.manifest.rowCount) rows, \(seconds) s")
        return summary
    }

    /// The export `changes.csv` compares with: the latest recorded export of the same list with
    /// an earlier list date (details.md #65).
    private func previousExport(of list: PolicyList, before date: CalendarDay,
                                in tx: Connection) throws -> (id: Int64, date: String)? {
        let previous = try tx.execute("""
            SELECT export_id, to_char(list_date, 'YYYY-MM-DD') AS list_date FROM runs.list_exports
            WHERE list = $1 AND list_date < $2::date AND published_at IS NOT NULL
            ORDER BY list_date DESC, export_id DESC LIMIT 1
            """, [list.rawValue, date.description])
        guard previous.rowCount == 1, let id = try previous.string(0, "export_id").flatMap({ Int64($0) }),
              let day = try previous.string(0, "list_date") else { return nil }
        return (id, day)
    }

    /// Runs the list's rule files (`sql/lists/`, then `changes.sql`) with the export's context
    /// set for this transaction; they write `runs.list_rows` (and `runs.list_no_account`) and
    /// leave the differences from the previous export in `list_changes`.
    private func writeRows(_ list: PolicyList, exportID: Int64, previousID: Int64?, date: CalendarDay,
                           inputs: ListInputs, policy: PolicyProfile, scripts: [SQLScript], in tx: Connection) throws {
        try SQLRunner(scripts, settings: [
            ("mujun.export_id", String(exportID)),
            ("mujun.list", list.rawValue),
            ("mujun.list_date", date.description),
            ("mujun.evaluation_run_id", inputs.evaluationRunID.map(String.init) ?? ""),
            ("mujun.flag_run_id", inputs.flagRunID.map(String.init) ?? ""),
            ("mujun.policy_sha256", policy.sha256),
            ("mujun.previous_export_id", previousID.map(String.init) ?? ""),
        ], logger: logger).run(in: tx)
    }

    /// A CSV of `columns` over the export's rows of `table`, in `order`, and the rows' fields.
    private func csv(_ columns: [ListColumn], from table: String, order: String, exportID: Int64,
                     in tx: Connection) throws -> (ListCSV, [[String?]]) {
        let rows = try tx.execute("""
            SELECT \(columns.map(\.sql).joined(separator: ", "))
            FROM \(table)
            WHERE r.export_id = $1
            ORDER BY \(order)
            """, [exportID])
        var file = ListCSV(columns: columns)
        var fields: [[String?]] = []
        fields.reserveCapacity(rows.rowCount)
        for r in 0..<rows.rowCount {
            fields.append((0..<columns.count).map { rows.string(r, $0) })
            file.append(row: fields[r])
        }
        return (file, fields)
    }

    /// `changes.csv` (details.md #65) from the rows `sql/lists/changes.sql` left in `list_changes`.
    private func changes(_ list: PolicyList, in tx: Connection) throws -> (ListCSV, (added: Int, removed: Int, changed: Int)) {
        let rows = try tx.execute(list.isEnterpriseList
            ? "SELECT change, key, reason_codes, grade FROM list_changes ORDER BY position"
            : "SELECT change, key, uscc, reason_codes, old_surcharge, new_surcharge FROM list_changes ORDER BY position")
        var file = ListCSV(columns: list.changeColumns)
        var counts = (added: 0, removed: 0, changed: 0)
        for r in 0..<rows.rowCount {
            let fields = (0..<rows.columnCount).map { rows.string(r, $0) }
            switch fields[0] {
            case "added": counts.added += 1
            case "removed": counts.removed += 1
            default: counts.changed += 1
            }
            file.append(row: fields)
        }
        return (file, counts)
    }

    static func sha256(_ data: Data) -> String {
        sha256Hex(data)
    }
}
