import ArgumentParser
import Foundation
import MujunCore
import MujunGrading
import MujunPolicy

/// `mujun evaluate --year Y`: per-mu indicators and A–D grades under a policy profile.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Grade year Y's enterprises under a policy profile (an immutable run).",
        discussion: """
            Refuses (exit 65) when applied tax and power data do not cover all 12 months of Y or no \
            registry/parcels batch was applied, unless --allow-incomplete. --publish makes the run \
            the one lists and analysts see, only under a profile with evaluation.require_notice: false \
            (else: mujun notice, then mujun publish). --compare grades under --policy without publishing and \
            reports the class changes against the year's published run (else its latest run), whatever \
            profile that run used, with the indicator that drove each move.
            """)

    @Option(help: "The year to grade.") var year: Int
    @Option(help: "Policy profile: a name in jobs/policies/ or a YAML path.") var policy = "default"
    @Flag(help: "Publish the run.") var publish = false
    @Flag(name: .customLong("allow-incomplete"), help: "Run on known months only, and mark the run incomplete.") var allowIncomplete = false
    @Flag(help: "What-if: compare with the published run of the year; never publishes.") var compare = false
    @Flag(help: "Print a JSON summary on stdout.") var json = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard (1900...2099).contains(year) else { throw ValidationError("--year must be between 1900 and 2099") }
        if compare && publish { throw ValidationError("--compare never publishes; drop --publish") }
    }

    func run() throws {
        try ExitStatus.run {
            let profile = try PolicyProfile.load(policy)
            if publish && profile.requireNotice {
                // procedure.md §1: a decision follows a public notice and its objections.
                throw GradingError(.refused, "--publish is refused: profile \(profile.name) requires a public notice "
                                   + "(evaluation.require_notice); evaluate, then mujun notice RUN --from DATE, then mujun publish RUN")
            }
            let evaluator = Evaluator(connection: try database.connect("evaluate"))
            let summary = try evaluator.evaluate(year: year, policy: profile, publish: publish,
                                                 allowIncomplete: allowIncomplete, compare: compare,
                                                 madeBy: ProcessInfo.processInfo.environment["USER"] ?? "mujun")
            if json {
                print(String(decoding: try JSONEncoder.sortedPretty.encode(summary), as: UTF8.self))
            }
            let grades = GradeLine.text(summary.grades)
            ExitStatus.printError("evaluation run \(summary.runID): year \(year), policy \(profile.name) "
                                  + "(\(profile.sha256.prefix(12))…)\(summary.complete ? "" : ", INCOMPLETE"), "
                                  + "\(summary.published ? "published" : "not published"): \(grades)")
            if let base = summary.comparedWith, let matrix = summary.matrix {
                ExitStatus.printError("compared with run \(base): "
                                      + matrix.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
                if let drivers = summary.drivers, !drivers.isEmpty {
                    ExitStatus.printError("moves driven by: " + drivers.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
                        .map { "\($0.key) \($0.value)" }.joined(separator: ", "))
                }
                for move in summary.moves ?? [] {
                    ExitStatus.printError("  \(move.uscc) \(move.name): \(move.from) → \(move.to)"
                                          + (move.drivenBy.map { " (\($0))" } ?? ""))
                }
            }
            for note in summary.notes { ExitStatus.printError("note: \(note)") }
        }
    }
}
