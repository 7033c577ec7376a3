import Foundation
import MujunCore
import MujunLists
import MujunPolicy
import MujunResources

/// A job file, `jobs/NAME.yaml` (spec jobs.md "Job files"): a named list of steps, its
/// schedule, policy profile, retry settings and folders. Refused with the key's name when a
/// key is unknown or a value is out of range.
public struct JobFile: Sendable {
    public enum Step: Sendable, Equatable {
        /// Load every complete file of the drop folder.
        case ingestInbox
        /// A flag run as of `asOf` (nil: the run's date).
        case flag(asOf: String?)
        /// Grade a year: `previous` (the run date's year − 1) or a number; publish or not.
        case evaluate(year: String, publish: Bool)
        /// Put the latest run of a year under public notice (procedure.md §1; details.md #127):
        /// `year` `previous` or a number, `from` `today` (nil) or a date, `days` nil: the profile's.
        case notice(year: String, from: String?, days: Int?)
        /// Export lists (`all` or names) for the run's date; with `inputsChanged`, only when the
        /// evaluation or flag run behind a list differs from its last export.
        case export(lists: [String], onlyWhenInputsChanged: Bool)
        /// Run a SQL file of `sql/` (e.g. a site's own refresh), in one transaction.
        case sql(file: String)

        public var name: String {
            switch self {
            case .ingestInbox: return "ingest-inbox"
            case .flag: return "flag"
            case .evaluate: return "evaluate"
            case .notice: return "notice"
            case .export: return "export"
            case .sql: return "sql"
            }
        }
    }

    public struct Retry: Sendable, Equatable {
        public var attempts: Int
        public var backoffSeconds: Double
        public var maxBackoffSeconds: Double

        public init(attempts: Int, backoffSeconds: Double, maxBackoffSeconds: Double) {
            self.attempts = attempts
            self.backoffSeconds = backoffSeconds
            self.maxBackoffSeconds = maxBackoffSeconds
        }
    }

    public let name: String
    public let schedule: CronSchedule
    public let policy: String
    public let retry: Retry
    public let inbox: String
    public let out: String
    public let steps: [Step]
    public let source: String

    public struct FileError: Error, Sendable, CustomStringConvertible {
        public let file: String
        public let key: String
        public let message: String
        public var description: String { key.isEmpty ? "\(file): \(message)" : "\(file): \(key): \(message)" }
    }

    /// Folders where job files are looked for: `--jobs-dir`/`MUJUN_JOBS_DIR`, `./jobs`, then
    /// the ones built into mujun (spec jobs.md).
    public static func searchPath(jobsDir: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> [URL] {
        var dirs: [URL] = []
        if let d = jobsDir ?? environment["MUJUN_JOBS_DIR"] { dirs.append(URL(fileURLWithPath: d, isDirectory: true)) }
        dirs.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("jobs"))
        dirs.append(MujunResources.jobsDirectory)
        return dirs
    }

    /// Finds and reads `NAME.yaml` in the search path.
    public static func load(_ name: String, jobsDir: String? = nil) throws -> JobFile {
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw FileError(file: name, key: "", message: "a job name is letters, digits, - and _")
        }
        for dir in searchPath(jobsDir: jobsDir) {
            let url = dir.appendingPathComponent(name + ".yaml")
            if FileManager.default.fileExists(atPath: url.path) { return try JobFile(contentsOf: url) }
        }
        throw FileError(file: name, key: "", message: "no job file \(name).yaml in "
                        + searchPath(jobsDir: jobsDir).map(\.path).joined(separator: ", "))
    }

    /// Every job file of the first folder of the search path that has any.
    public static func all(jobsDir: String? = nil) throws -> [JobFile] {
        for dir in searchPath(jobsDir: jobsDir) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { continue }
            let files = names.filter { $0.hasSuffix(".yaml") }.sorted()
            if files.isEmpty { continue }
            return try files.map { try JobFile(contentsOf: dir.appendingPathComponent($0)) }
        }
        return []
    }

    public init(contentsOf url: URL) throws {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw FileError(file: url.path, key: "", message: "cannot be read as UTF-8 text")
        }
        try self.init(yaml: text, source: url.path)
    }

    public init(yaml: String, source: String) throws {
        self.source = source
        let tree: PolicyValue
        do {
            tree = try PolicyProfile.tree(yaml: yaml, source: source)
        } catch let e as PolicyError {
            throw FileError(file: source, key: e.key, message: e.message)
        }
        func fail(_ key: String, _ message: String) -> FileError { FileError(file: source, key: key, message: message) }
        guard case .map(let top) = tree else { throw fail("", "expected a mapping of keys") }
        var keys = Dictionary(top, uniquingKeysWith: { a, _ in a })
        func take(_ key: String) throws -> PolicyValue {
            guard let v = keys.removeValue(forKey: key) else { throw fail(key, "missing key") }
            return v
        }
        func text(_ v: PolicyValue, _ key: String) throws -> String {
            guard case .string(let s) = v, !s.isEmpty else { throw fail(key, "expected text") }
            return s
        }
        func number(_ v: PolicyValue, _ key: String, atLeast: Double) throws -> Double {
            guard case .number(let n) = v, let x = Double(n), x >= atLeast else { throw fail(key, "expected a number ≥ \(atLeast)") }
            return x
        }
        name = try text(take("name"), "name")
        let expected = URL(fileURLWithPath: source).deletingPathExtension().lastPathComponent
        guard source.hasSuffix(".yaml") == false || expected == name else {
            throw fail("name", "must match the file name (\(expected))")
        }
        do {
            schedule = try CronSchedule(try text(take("schedule"), "schedule"))
        } catch let e as CronSchedule.ParseError {
            throw fail("schedule", e.description)
        }
        policy = try text(take("policy"), "policy")

        guard case .map(let retryPairs) = try take("retry") else { throw fail("retry", "expected a mapping") }
        var r = Dictionary(retryPairs, uniquingKeysWith: { a, _ in a })
        func rtake(_ k: String) throws -> PolicyValue {
            guard let v = r.removeValue(forKey: k) else { throw fail("retry.\(k)", "missing key") }
            return v
        }
        let attempts = try number(rtake("attempts"), "retry.attempts", atLeast: 1)
        guard attempts == attempts.rounded() else { throw fail("retry.attempts", "expected a whole number") }
        retry = Retry(attempts: Int(attempts),
                      backoffSeconds: try number(rtake("backoff_seconds"), "retry.backoff_seconds", atLeast: 0),
                      maxBackoffSeconds: try number(rtake("max_backoff_seconds"), "retry.max_backoff_seconds", atLeast: 0))
        if let extra = r.keys.sorted().first { throw fail("retry.\(extra)", "unknown key") }

        guard case .map(let folderPairs) = try take("folders") else { throw fail("folders", "expected a mapping") }
        var f = Dictionary(folderPairs, uniquingKeysWith: { a, _ in a })
        guard let inboxValue = f.removeValue(forKey: "inbox") else { throw fail("folders.inbox", "missing key") }
        guard let outValue = f.removeValue(forKey: "out") else { throw fail("folders.out", "missing key") }
        inbox = try text(inboxValue, "folders.inbox")
        out = try text(outValue, "folders.out")
        if let extra = f.keys.sorted().first { throw fail("folders.\(extra)", "unknown key") }

        guard case .list(let items) = try take("steps"), !items.isEmpty else { throw fail("steps", "expected a list of steps") }
        let policyName = policy
        steps = try items.enumerated().map { i, item in
            try JobFile.step(item, key: "steps[\(i)]", policyName: policyName, fail: fail)
        }
        if let extra = keys.keys.sorted().first { throw fail(extra, "unknown key") }
        // details.md #127: publishing is a person's decision under a profile that requires a
        // notice; a scheduled `publish: true` is refused when the file loads. (A profile that
        // cannot be read fails the run itself, with its own message.)
        if let i = steps.firstIndex(where: { if case .evaluate(_, true) = $0 { return true } else { return false } }),
           let profile = try? PolicyProfile.load(policy), profile.requireNotice {
            throw fail("steps[\(i)].evaluate.publish", "profile \(profile.name) requires a public notice "
                       + "(evaluation.require_notice): use a notice step; publish is an operator command (mujun publish)")
        }
    }

    static func step(_ item: PolicyValue, key: String, policyName: String,
                     fail: (String, String) -> FileError) throws -> Step {
        var name: String
        var options: [String: PolicyValue] = [:]
        switch item {
        case .string(let s): name = s
        case .map(let pairs) where pairs.count == 1:
            name = pairs[0].0
            switch pairs[0].1 {
            case .map(let o): options = Dictionary(o, uniquingKeysWith: { a, _ in a })
            case .null: break
            default: throw fail("\(key).\(name)", "expected a mapping of options")
            }
        default: throw fail(key, "expected a step name, or one name with its options")
        }
        func option(_ k: String) -> PolicyValue? { options.removeValue(forKey: k) }
        func done() throws {
            if let extra = options.keys.sorted().first { throw fail("\(key).\(name).\(extra)", "unknown option") }
        }
        /// `year`: `previous` (the default) or a year.
        func yearOption() throws -> String {
            guard let v = option("year") else { return "previous" }
            switch v {
            case .string("previous"): return "previous"
            case .number(let n) where Int(n).map({ (1900...2099).contains($0) }) == true: return n
            default: throw fail("\(key).\(name).year", "expected previous or a year")
            }
        }
        /// A day option: `today` (nil, the run's date) or YYYY-MM-DD.
        func dayOption(_ k: String) throws -> String? {
            guard let v = option(k) else { return nil }
            guard case .string(let s) = v, s == "today" || CalendarDay(s) != nil else {
                throw fail("\(key).\(name).\(k)", "expected today or YYYY-MM-DD")
            }
            return s == "today" ? nil : s
        }
        let step: Step
        switch name {
        case "ingest-inbox":
            step = .ingestInbox
        case "flag":
            step = .flag(asOf: try dayOption("as_of"))
        case "evaluate":
            let year = try yearOption()
            var publish = false
            if let v = option("publish") {
                guard case .bool(let b) = v else { throw fail("\(key).evaluate.publish", "expected true or false") }
                publish = b
            }
            step = .evaluate(year: year, publish: publish)
        case "export":
            var lists = ["all"]
            if let v = option("lists") {
                switch v {
                case .string(let s): lists = [s]
                case .list(let items): lists = try items.map { item in
                    guard case .string(let s) = item else { throw fail("\(key).export.lists", "expected list names") }
                    return s
                }
                default: throw fail("\(key).export.lists", "expected all or list names")
                }
            }
            // Built-in lists, and the enterprise lists of the job's profile (procedure.md §4).
            let profileLists = (try? PolicyProfile.load(policyName)).map { PolicyList.enterpriseLists(of: $0) } ?? []
            let names = ["all"] + (PolicyList.builtIn + profileLists).map(\.rawValue)
            if let bad = lists.first(where: { !names.contains($0) }) {
                throw fail("\(key).export.lists", "unknown list \(bad): use " + names.dropLast().joined(separator: ", ")
                           + " or " + names.last!)
            }
            var changed = false
            if let v = option("when") {
                guard case .string("inputs-changed") = v else { throw fail("\(key).export.when", "expected inputs-changed") }
                changed = true
            }
            step = .export(lists: lists, onlyWhenInputsChanged: changed)
        case "sql":
            guard case .string(let file)? = option("file"), !file.contains(".."), !file.hasPrefix("/") else {
                throw fail("\(key).sql.file", "expected a file path inside sql/")
            }
            step = .sql(file: file)
        case "notice":
            let year = try yearOption()
            let from = try dayOption("from")
            var days: Int?
            if let v = option("days") {
                guard case .number(let n) = v, let d = Int(n), d >= 1 else { throw fail("\(key).notice.days", "expected a number ≥ 1") }
                days = d
            }
            step = .notice(year: year, from: from, days: days)
        default:
            throw fail(key, "unknown step \(name): use ingest-inbox, flag, evaluate, notice, export or sql")
        }
        try done()
        return step
    }
}
