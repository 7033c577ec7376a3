import ArgumentParser
import Foundation
import MujunCore
import MujunLists

/// `mujun notice RUN --from DATE [--days N] --out DIR`: the public notice (公示) of an
/// evaluation run and one letter (告知书) per enterprise (procedure.md §1; details.md #129).
struct NoticeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notice",
        abstract: "Put an evaluation run under public notice (公示) and write its notice list and letters.",
        discussion: """
            Writes OUT/notice/<year>/run-<RUN>/ with notice.csv, notice.xlsx, letters/<uscc>.html \
            (one 告知书 per enterprise) and manifest.json. The notice period is DATE … DATE + N − 1 \
            (N: --days, else the profile's evaluation.notice_days, 7). Noticing another run of the \
            same year withdraws the open notice. Refused (exit 65) for a published, withdrawn, \
            --compare or already noticed run, and for DATE before the day the run was computed.
            """)

    @Argument(help: "Evaluation run id.") var runID: Int64
    @Option(help: "First day of the notice period, YYYY-MM-DD.") var from: String
    @Option(help: "Calendar days of the notice period (default: the run's profile, evaluation.notice_days).") var days: Int?
    @Option(help: "Output folder (default: $MUJUN_OUT).") var out: String?
    @Option(help: "CSV encoding: utf8-bom (default) or gb18030.") var encoding: ListEncoding = .utf8BOM
    @Flag(help: "Print a JSON summary on stdout.") var json = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard CalendarDay(from) != nil else { throw ValidationError("--from must be a date YYYY-MM-DD, got \"\(from)\"") }
        if let days, days < 1 { throw ValidationError("--days must be at least 1") }
        if out == nil && (ProcessInfo.processInfo.environment["MUJUN_OUT"] ?? "").isEmpty {
            throw ValidationError("give --out DIR (or set MUJUN_OUT)")
        }
    }

    func run() throws {
        try ExitStatus.run {
            let folder = URL(fileURLWithPath: out ?? ProcessInfo.processInfo.environment["MUJUN_OUT"] ?? ".", isDirectory: true)
            let summary = try NoticeWriter(connection: try database.connect("notice"))
                .notice(runID, from: CalendarDay(from)!, days: days, to: folder, encoding: encoding,
                        generatorVersion: "mujun \(MujunVersion.current)",
                        madeBy: ProcessInfo.processInfo.environment["USER"] ?? "mujun", today: try CalendarDay.today())
            if json { print(String(decoding: try JSONEncoder.sortedPretty.encode(summary), as: UTF8.self)) }
            ExitStatus.printError("notice \(summary.noticeID): run \(runID) of \(summary.year) under notice "
                                  + "\(summary.noticeFrom)–\(summary.noticeUntil), \(summary.rows) rows, \(summary.letters) letters"
                                  + (summary.withdrew.map { ", withdrawing notice \($0)" } ?? "") + " → \(summary.folder)")
        }
    }
}
