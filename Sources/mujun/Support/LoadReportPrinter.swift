import Foundation
import MujunCore
import MujunIngest

/// Collects the load report of `mujun ingest` (`LoadReport`) and prints it when the command
/// ends: the table on stderr, the same report as one JSON document on stdout with `--json`,
/// and meanwhile a progress bar when stderr is a terminal (none when it is not: cron logs stay
/// clean).
final class LoadReportPrinter: @unchecked Sendable {
    let json: Bool
    let showsProgress = isatty(2) == 1
    private var current = ""
    private(set) var report = LoadReport()

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

    /// Adds one file's outcome, a batch or the error that refused the file, and returns the
    /// file's exit reason.
    func add(_ batch: BatchReport?, error: Error?, file: String, kind: ExtractKind?, movedTo: String?) -> ExitReason {
        if showsProgress { ExitStatus.writeStderr("\r\u{1B}[K") }
        if let batch {
            report.append(LoadReport.File(batch, movedTo: movedTo))
            return batch.status == .refused ? .dataError : .done
        }
        let (code, message) = ExitStatus.describe(error ?? CocoaError(.fileReadUnknown))
        report.append(LoadReport.File(refused: file, kind: kind,
                                      reason: message.replacingOccurrences(of: "mujun: ", with: ""), movedTo: movedTo))
        return code
    }

    /// The drop-folder entries left in place, each with its reason.
    func skipped(_ entries: [InboxRunner.Skipped]) {
        for entry in entries { report.skip(entry.name, because: entry.reason) }
    }

    /// Prints the report (also when the command stops on a database error: the files done
    /// before it are accounted for).
    func finish() {
        if showsProgress { ExitStatus.writeStderr("\r\u{1B}[K") }
        ExitStatus.writeStderr(report.text)
        if json, let data = try? report.json() {
            Swift.print(String(decoding: data, as: UTF8.self))
        }
    }
}
