import ArgumentParser
import Foundation
import MujunCore
import MujunGrading

/// The document, reason and author of an adjustment or exemption: the document number is
/// required (details.md #94); `--doc`/`--document` and `--why`/`--reason` are the same option.
struct DecisionOptions: ParsableArguments {
    @Option(name: [.customLong("document"), .customLong("doc")], help: "Document number (文号) of the decision.") var document: String
    @Option(name: [.customLong("reason"), .customLong("why")], help: "Why (kept in the audit trail).") var reason: String
    @Option(help: "Who (default: $USER).") var by: String = ProcessInfo.processInfo.environment["USER"] ?? "unknown"

    func check(year: Int, uscc: String) throws {
        guard (1900...2099).contains(year) else { throw ValidationError("--year must be between 1900 and 2099") }
        guard USCC.normalize(uscc) != nil else { throw ValidationError("\"\(uscc)\" is not a valid 统一社会信用代码") }
        guard !document.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--doc must not be empty") }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--reason must not be empty") }
    }
}

/// Which entries a shared `list`/`revoke` subcommand works on.
protocol DecisionKindName { static var kind: DecisionEntries.Kind { get } }
enum AdjustKind: DecisionKindName { static let kind = DecisionEntries.Kind.adjustment }
enum ExemptKind: DecisionKindName { static let kind = DecisionEntries.Kind.exemption }

struct DecisionListCommand<K: DecisionKindName>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "list", abstract: "List the \(K.kind.rawValue)s, revoked ones included.")
    }

    @Option(help: "Only this year.") var year: Int?
    @Flag(help: "Print JSON on stdout.") var json = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try ExitStatus.run {
            let entries = try DecisionEntries(connection: try database.connect("\(K.kind.rawValue) list")).list(K.kind, year: year)
            // One object on stdout (details.md #129): {"adjustments": […]} or {"exemptions": […]}.
            if json { print(String(decoding: try JSONEncoder.sortedPretty.encode([K.kind.rawValue + "s": entries]), as: UTF8.self)) }
            else {
                for e in entries {
                    print([String(e.id), String(e.year), e.uscc, e.points ?? "", e.item ?? "", e.documentNo, e.enteredBy,
                           e.enteredAt, e.reason, e.revokedAt.map { "revoked \($0) by \(e.revokedBy ?? ""): \(e.revokeReason ?? "")" } ?? "in force"]
                        .filter { !$0.isEmpty || K.kind == .adjustment }.joined(separator: "\t"))
                }
            }
            ExitStatus.printError("\(entries.count) \(K.kind.rawValue)(s)\(year.map { " of \($0)" } ?? "")")
        }
    }
}

struct DecisionRevokeCommand<K: DecisionKindName>: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "revoke", abstract: "Revoke a \(K.kind.rawValue): kept in the trail, not applied to later runs.")
    }

    @Argument(help: "The entry's id (see list).") var id: Int64
    @Option(name: [.customLong("reason"), .customLong("why")], help: "Why it is revoked.") var reason: String
    @Option(help: "Who (default: $USER).") var by: String = ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    @Flag(help: "Print the entry as JSON on stdout.") var json = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--reason must not be empty") }
    }

    func run() throws {
        try ExitStatus.run {
            let entries = DecisionEntries(connection: try database.connect("\(K.kind.rawValue) revoke"))
            try entries.revoke(K.kind, id: id, reason: reason, by: by)
            if json, let entry = try entries.list(K.kind, year: nil).first(where: { $0.id == id }) {
                print(String(decoding: try JSONEncoder.sortedPretty.encode(entry), as: UTF8.self))
            }
            ExitStatus.printError("\(K.kind.rawValue) \(id) revoked: later evaluation runs no longer apply it")
        }
    }
}
