import Foundation
import MujunCore
import MujunIngest

/// The load report of `mujun ingest`: a pgloader-style table on stderr that accounts for every
/// row, a JSON object per file on stdout with `--json`, and a progress bar when stderr is a
/// terminal (none when it is not: cron logs stay clean).
final class LoadReportPrinter: @unchecked Sendable {
    let json: Bool
    let showsProgress = isatty(2) == 1
    private var current = ""
    private var headerPrinted = false

    init(json: Bool) { self.json = json }

    func starting(_ name: String) { current = name }

    var progress: (Int, Int) -> Void {
        { [self] done, total in
            guard total > 0 else { return }
            let width = 30
            let filled = min(width, done * width / total)
            let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            ExitStatus.writeStderr("\r[\(bar)] \(done * 100 / total)% \(current)")
        }
    }

    /// Prints one file's outcome and returns its exit reason.
    func print(_ report: BatchReport?, error: Error?, file: String, kind: ExtractKind?, movedTo: String?) -> ExitReason {
        if showsProgress { ExitStatus.writeStderr("\r\u{1B}[K") }
        var code = ExitReason.done
        var object: [String: Any]
        if let report {
            object = (try? JSONSerialization.jsonObject(with: JSONEncoder().encode(report))) as? [String: Any] ?? [:]
            if report.status == .refused { code = .dataError }
            line(String(format: "%@  %@  %@  read %d = loaded %d + rejected %d  (%.1fs)",
                        report.file, report.kind.rawValue, report.status.rawValue,
                        report.rowsRead, report.rowsLoaded, report.rowsRejected, report.seconds))
            if !report.rejectsByReason.isEmpty {
                line("    rejected: " + report.rejectsByReason.sorted { $0.key < $1.key }
                        .map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            }
            if !report.unknownColumns.isEmpty {
                line("    ignored unknown columns: " + report.unknownColumns.joined(separator: ", "))
            }
            if report.status != .applied || report.rowsRejected > 0 { line("    \(report.message)") }
            if let rejects = report.rejectsFile { line("    rejects written to \(rejects)") }
        } else {
            let (c, message) = ExitStatus.describe(error ?? CocoaError(.fileReadUnknown))
            code = c
            object = ["file": file, "kind": kind?.rawValue ?? NSNull(), "status": "refused", "batch_id": NSNull(),
                      "rows_read": 0, "rows_loaded": 0, "rows_rejected": 0, "rejects_by_reason": [String: Int](),
                      "unknown_columns": [String](), "message": message.replacingOccurrences(of: "mujun: ", with: "")]
            line("\(file)  refused: \(message.replacingOccurrences(of: "mujun: ", with: ""))")
        }
        if let movedTo {
            object["moved_to"] = movedTo
            line("    moved to \(movedTo)")
        }
        if json, let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) {
            Swift.print(String(decoding: data, as: UTF8.self))
        }
        return code
    }

    func finish() {}

    private func line(_ text: String) { ExitStatus.writeStderr(text + "\n") }
}
