import ArgumentParser
import Foundation
import MujunCore
import MujunIngest
import MujunLand
import MujunPolicy

/// `mujun flag --as-of D`: idle and inefficient parcels as of D, an immutable run (spec land.md).
struct FlagCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flag",
        abstract: "Flag idle and inefficient industrial parcels as of a date (an immutable run).",
        discussion: """
            Judges every parcel in scope (industrial use, supplied by the date) and stores one row per \
            parcel and code in a new run; parcels flagged before and no longer flagged are resolved \
            (销号). Prints the rows per flag code; --json prints the summary on stdout. The rules are \
            in sql/land/ and docs/land-rules.md; analysts read mart.parcel_flags.
            """)

    @Option(name: .customLong("as-of"), help: "Judge as of this date, YYYY-MM-DD (default: today).")
    var asOf: String?

    @Option(help: "Policy profile: a name in jobs/policies/ or a YAML path.")
    var policy = "default"

    @Flag(help: "Print a JSON summary on stdout.")
    var json = false

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        if let asOf {
            guard let day = CalendarDay(asOf) else { throw ValidationError("--as-of must be YYYY-MM-DD, got \"\(asOf)\"") }
            guard (1900...2099).contains(day.year) else { throw ValidationError("--as-of must be within 1900–2099") }
        }
    }

    func run() throws {
        try ExitStatus.run {
            let day = try asOf.flatMap(CalendarDay.init) ?? CalendarDay.today()
            let profile = try PolicyProfile.load(policy)
            let run = FlagRun(connection: try database.connect("flag"))
            let summary = try run.run(asOf: day, policy: profile,
                                      madeBy: ProcessInfo.processInfo.environment["USER"] ?? "mujun")
            if json {
                print(String(decoding: try JSONEncoder.sortedPretty.encode(summary), as: UTF8.self))
                return
            }
            print("flag run \(summary.runID) as of \(summary.asOf), policy \(summary.policy) "
                  + "(\(summary.policySHA256.prefix(12))…), \(summary.parcelsInScope) parcels in scope, "
                  + String(format: "%.1f s", summary.seconds))
            for code in FlagCode.allCases {
                print("  " + code.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
                      + String(format: "%8d", summary.counts[code.rawValue] ?? 0))
            }
            let against = summary.previousRunID.map { " against run \($0)" } ?? " (no earlier run)"
            print("  resolved (销号)\(against): \(summary.resolved); undecided, kept open: \(summary.carried)")
        }
    }
}
