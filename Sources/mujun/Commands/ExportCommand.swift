import ArgumentParser
import Foundation
import MujunCore
import MujunIngest
import MujunLists
import MujunPolicy

extension ListEncoding: ExpressibleByArgument {}

/// `mujun export LIST --date D --out DIR`: the differential-policy lists (spec lists.md).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a differential-policy list (electricity, water, gas, mortgage-freeze, verification, a profile's enterprise list, or all) for a date.",
        discussion: """
            Writes OUT/<list>/<date>/ with <list>.csv, changes.csv (against the previous export of the \
            list), no_account.csv (electricity, water) and manifest.json (inputs and SHA-256 of every \
            file). Files appear under their final names only when complete; every export and its rows \
            are recorded in PostgreSQL (mart.policy_list_rows). See docs/lists.md.
            """)

    @Argument(help: "electricity, water, gas, mortgage-freeze, verification, an enterprise list of the profile (e.g. land-bidding), or all.")
    var list: String

    @Option(help: "The list's date, YYYY-MM-DD (default: today).")
    var date: String?

    @Option(help: "Output folder (default: $MUJUN_OUT).")
    var out: String?

    @Option(help: "CSV encoding: utf8-bom (default) or gb18030.")
    var encoding: ListEncoding = .utf8BOM

    @Option(help: "Policy profile: a name in jobs/policies/ or a YAML path.")
    var policy = "default"

    @Flag(help: "Print a JSON summary on stdout.")
    var json = false

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        // A profile's own lists are checked once the profile is read (run()).
        guard list == "all" || list.range(of: "^[a-z][a-z0-9-]*$", options: .regularExpression) != nil else {
            throw ValidationError("LIST must be electricity, water, gas, mortgage-freeze, verification, a list of the profile, "
                                  + "or all, got \"\(list)\"")
        }
        if let date {
            guard let day = CalendarDay(date) else { throw ValidationError("--date must be YYYY-MM-DD, got \"\(date)\"") }
            guard (1900...2099).contains(day.year) else { throw ValidationError("--date must be within 1900–2099") }
        }
        if out == nil && (ProcessInfo.processInfo.environment["MUJUN_OUT"] ?? "").isEmpty {
            throw ValidationError("give --out DIR (or set MUJUN_OUT)")
        }
    }

    func run() throws {
        try ExitStatus.run {
            let day = try date.flatMap(CalendarDay.init) ?? CalendarDay.today()
            let folder = URL(fileURLWithPath: out ?? ProcessInfo.processInfo.environment["MUJUN_OUT"] ?? ".", isDirectory: true)
            let profile = try PolicyProfile.load(policy)
            guard list == "all" || PolicyList.named(list, in: profile) != nil else {
                throw ValidationError("unknown list \"\(list)\": use "
                    + (PolicyList.all(of: profile).map(\.rawValue) + ["all"]).joined(separator: ", "))
            }
            let lists = list == "all" ? PolicyList.all(of: profile) : [PolicyList.named(list, in: profile)!]
            let exporter = ListExporter(connection: try database.connect("export"))
            let summaries = try exporter.export(lists, date: day, to: folder, encoding: encoding, policy: profile,
                                                generatorVersion: "mujun \(MujunVersion.current)",
                                                madeBy: ProcessInfo.processInfo.environment["USER"] ?? "mujun")
            if json {
                print(String(decoding: try JSONEncoder.sortedPretty.encode(["exports": summaries]), as: UTF8.self))
                return
            }
            for s in summaries {
                let m = s.manifest
                let evaluation = m.evaluationRun.map { "evaluation run \($0) (\(m.evaluationYear.map(String.init) ?? "?"))" }
                    ?? "no published evaluation"
                let flags = m.flagRun.map { "flag run \($0) (\(m.flagAsOf ?? "?"))" } ?? "no flag run"
                let against = m.changesSince.map { "since \($0)" } ?? "first export"
                print("export \(s.exportID): \(s.list) \(s.listDate): \(m.rowCount) rows"
                      + (PolicyList(rawValue: s.list)?.isPerAccount == true ? ", \(m.noAccountCount) without an account" : "")
                      + "; \(evaluation), \(flags); changes \(against): +\(m.added) −\(m.removed) ~\(m.changed) → \(s.folder)")
            }
        }
    }
}
