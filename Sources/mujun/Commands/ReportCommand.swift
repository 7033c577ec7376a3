import ArgumentParser
import Foundation
import MujunReport

/// `mujun report --year Y --out FILE.html`: the year's report as one self-contained HTML file.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the year's report: grades, tax per mu, idle land, top/bottom 20, data quality.")

    @Option(help: "The evaluation year (its published run).") var year: Int
    @Option(help: "The HTML file to write.") var out: String
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try ExitStatus.run {
            let html = try ReportBuilder(connection: try database.connect("report"), version: MujunVersion.current).render(year: year)
            do {
                try Data(html.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: out])
            }
            ExitStatus.printError("report for \(year) written to \(out)")
        }
    }
}
