import ArgumentParser
import Foundation
import MujunCore
import MujunDatabase
import MujunIngest

/// `mujun ingest KIND FILE…` and `mujun ingest --inbox DIR` (spec extracts.md, jobs.md).
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Load CSV extracts: registry, tax, power, parcels, accounts or statistics.",
        discussion: """
            Each file loads as one batch, all or nothing. The load report, a row per file and a \
            total row, goes to stderr; --json prints the same report as one JSON document on \
            stdout. Exit 65 when a file is refused (reject ratio \
            over the limit, a required column missing), 66 when a file is missing; with several \
            files, the worst code.
            """)

    @Argument(help: "KIND then FILE…; KIND is registry, tax, power, parcels, accounts or statistics.")
    var arguments: [String] = []

    @Option(help: "Load every complete file of this drop folder (kind from the file-name prefix).")
    var inbox: String?

    @Option(help: "auto (valid UTF-8, else GB18030), utf8 or gb18030.")
    var encoding: ExtractEncoding = .auto

    @Option(name: .customLong("as-of"), help: "As-of date YYYY-MM-DD (default: a date in the file name, else today).")
    var asOf: String?

    @Flag(help: "Reload a file even if the same content was applied before.")
    var force = false

    @Option(name: .customLong("max-reject-ratio"), help: "Refuse a batch whose rejected share is above this.")
    var maxRejectRatio: Double = 0.05

    @Option(name: .customLong("header-row"), help: "Record number of the header (title rows above it are skipped).")
    var headerRow: Int = 1

    @Flag(name: .customLong("rejects-csv"), help: "Write FILE.rejects.csv beside each file (always with --inbox).")
    var rejectsCSV = false

    @Flag(help: "Print the load report as one JSON document on stdout.")
    var json = false

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if inbox != nil {
            guard arguments.isEmpty else { throw ValidationError("give either --inbox DIR or KIND FILE…, not both") }
        } else {
            guard let kind = arguments.first else { throw ValidationError("missing KIND and FILE (or --inbox DIR)") }
            guard ExtractKind(rawValue: kind) != nil else {
                throw ValidationError("unknown kind \"\(kind)\": use registry, tax, power, parcels, accounts or statistics")
            }
            guard arguments.count >= 2 else { throw ValidationError("missing FILE after \(kind)") }
        }
        if let asOf {
            guard let day = CalendarDay(asOf) else { throw ValidationError("--as-of must be YYYY-MM-DD, got \"\(asOf)\"") }
            // As the other commands' dates and the extracts' own date fields (details.md #68).
            guard (1900...2099).contains(day.year) else { throw ValidationError("--as-of must be within 1900–2099") }
        }
        guard (0...1).contains(maxRejectRatio) else { throw ValidationError("--max-reject-ratio must be between 0 and 1") }
        guard headerRow >= 1 else { throw ValidationError("--header-row must be 1 or more") }
    }

    func run() throws {
        try ExitStatus.run {
            var options = IngestOptions(today: try CalendarDay.today())
            options.encoding = encoding
            options.asOf = asOf.flatMap(CalendarDay.init)
            options.force = force
            options.maxRejectRatio = maxRejectRatio
            options.headerRow = headerRow
            options.writeRejectsCSV = rejectsCSV

            // Each named file is checked before the lock is taken: a FIFO or a device named by
            // mistake must not hold the ingest lock while it blocks or reads forever.
            var unreadable: [String: Error] = [:]
            for path in arguments.dropFirst() {
                do { try RegularFile.require(path) } catch { unreadable[path] = error }
            }
            let report = LoadReportPrinter(json: json)
            defer { report.finish() }
            var worst = ExitReason.done
            if inbox == nil, unreadable.count == arguments.count - 1 {
                // Nothing to load: no connection and no lock at all.
                let kind = ExtractKind(rawValue: arguments[0])
                for path in arguments.dropFirst() {
                    worst = max(worst, report.add(nil, error: unreadable[path], file: path, kind: kind, movedTo: nil))
                }
                throw ExitCode(worst)
            }

            let connection = try database.connect("ingest")
            try connection.lock(.ingest)
            let loader = BatchLoader(connection: connection)
            if report.showsProgress { loader.progress = report.progress }

            if let inbox {
                var runner = InboxRunner(loader: loader, folder: URL(fileURLWithPath: inbox, isDirectory: true),
                                         options: options)
                runner.options.writeRejectsCSV = true
                let run = try runner.run()
                for outcome in run.outcomes {
                    worst = max(worst, report.add(outcome.report, error: outcome.error, file: outcome.file,
                                                  kind: outcome.kind, movedTo: outcome.movedTo))
                }
                report.skipped(run.skipped)
            } else {
                let kind = ExtractKind(rawValue: arguments[0])!
                for path in arguments.dropFirst() {
                    let url = URL(fileURLWithPath: path)
                    report.starting(url.lastPathComponent)
                    if let error = unreadable[path] {
                        worst = max(worst, report.add(nil, error: error, file: path, kind: kind, movedTo: nil))
                        continue
                    }
                    do {
                        let r = try loader.load(url, kind: kind, options: options)
                        worst = max(worst, report.add(r, error: nil, file: path, kind: kind, movedTo: nil))
                    } catch let error as ExtractError {
                        worst = max(worst, report.add(nil, error: error, file: path, kind: kind, movedTo: nil))
                    }
                }
            }
            if worst != .done { throw ExitCode(worst) }
        }
    }
}

extension ExtractEncoding: ExpressibleByArgument {}
