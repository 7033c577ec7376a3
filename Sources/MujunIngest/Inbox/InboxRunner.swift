import Foundation
import Logging
import MujunCore
import MujunDatabase

/// Loads every complete extract of a drop folder (spec jobs.md, details.md #22, #72).
///
/// A file is taken when its name ends `.csv` (any case, never `.rejects.csv`), it is a regular
/// file (symbolic links are refused: a link could point anywhere), and it was not modified in
/// the last minute (it may still be arriving). Files load in `LoadOrder`; each is then moved to `archive/<batch_id>-<name>` with its `.rejects.csv`, or to `failed/`
/// with an `.error.txt` saying why. Names are used only as names inside the folder, never as
/// paths.
public struct InboxRunner {
    public struct Outcome: Sendable {
        public var file: String
        /// The kind its name tells, nil when it tells none.
        public var kind: ExtractKind?
        public var report: BatchReport?
        /// The error that refused the whole file, if one did.
        public var error: (any Error & Sendable)?
        public var movedTo: String?
    }

    public let loader: BatchLoader
    public let folder: URL
    public var options: IngestOptions
    public var logger = Logger(label: "mujun.inbox")
    /// Files modified more recently than this are left for the next run.
    public var settleSeconds: TimeInterval = 60

    public init(loader: BatchLoader, folder: URL, options: IngestOptions) {
        self.loader = loader
        self.folder = folder
        self.options = options
        self.options.writeRejectsCSV = true
    }

    struct Candidate {
        let name: String
        let kind: ExtractKind?
        let asOf: CalendarDay
        let isSymlink: Bool

        var loadOrder: LoadOrder { LoadOrder(name: name, kind: kind, asOf: asOf) }
    }

    /// The files that would be taken now, in load order.
    func candidates(now: Date = Date()) throws -> [Candidate] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        var found: [Candidate] = []
        for name in names {
            let lower = name.lowercased()
            guard lower.hasSuffix(".csv"), !lower.hasSuffix(".rejects.csv"),
                  InboxRunner.isPlainName(name) else { continue }
            let path = folder.appendingPathComponent(name).path
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            let isLink = (info.st_mode & S_IFMT) == S_IFLNK
            if !isLink {
                guard (info.st_mode & S_IFMT) == S_IFREG else { continue }
                let modified = Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec))
                if now.timeIntervalSince(modified) < settleSeconds { continue }
            }
            found.append(Candidate(name: name, kind: ExtractKind.fromFileName(name),
                                   asOf: BatchLoader.asOf(fromFileName: name) ?? options.today, isSymlink: isLink))
        }
        return found.sorted { $0.loadOrder < $1.loadOrder }
    }

    /// A single path component with nothing that could climb out of the folder.
    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("\0")
    }

    /// Loads every candidate; database failures stop the run (they are not the file's fault).
    public func run() throws -> [Outcome] {
        let archive = folder.appendingPathComponent("archive", isDirectory: true)
        let failed = folder.appendingPathComponent("failed", isDirectory: true)
        // archive/ and failed/ are where extracts go after loading: a link there would move them
        // out of the drop folder, wherever it points (issue 16 item 5).
        for sub in [archive, failed] {
            var info = stat()
            if lstat(sub.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK {
                throw ExtractError(.badFileName, file: sub.path,
                                   message: "is a symbolic link; the drop folder's archive/ and failed/ must be real folders")
            }
        }
        // The caller holds the ingest lock: a rejects file still under its temporary name was
        // left by a run that died while writing it.
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        where name.hasSuffix(".rejects.csv.tmp") {
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
        try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: failed, withIntermediateDirectories: true)
        var outcomes: [Outcome] = []
        for candidate in try candidates() {
            let file = folder.appendingPathComponent(candidate.name)
            var outcome = Outcome(file: file.path, kind: candidate.kind)
            do {
                if candidate.isSymlink {
                    throw ExtractError(.badFileName, file: file.path,
                                       message: "is a symbolic link; the drop folder takes regular files only")
                }
                guard let kind = candidate.kind else {
                    throw ExtractError(.badFileName, file: file.path, message:
                        "the kind cannot be told from the name: it must start with registry, tax, power, parcels or accounts")
                }
                let report = try loader.load(file, kind: kind, options: options)
                outcome.report = report
                switch report.status {
                case .applied, .alreadyApplied:
                    let prefix = "\(report.batchID ?? 0)-"
                    outcome.movedTo = try move(file, to: archive, as: prefix + candidate.name)
                    if let rejects = report.rejectsFile {
                        _ = try move(URL(fileURLWithPath: rejects), to: archive,
                                     as: prefix + BatchLoader.rejectsFileName(for: candidate.name))
                    }
                case .refused:
                    outcome.movedTo = try move(file, to: failed, as: candidate.name)
                    if let rejects = report.rejectsFile {
                        _ = try move(URL(fileURLWithPath: rejects), to: failed,
                                     as: BatchLoader.rejectsFileName(for: candidate.name))
                    }
                    try writeError(report.message, for: candidate.name, in: failed)
                }
            } catch let error as ExtractError {
                outcome.error = error
                outcome.movedTo = try move(file, to: failed, as: candidate.name)
                try writeError(error.description, for: candidate.name, in: failed)
            }
            outcomes.append(outcome)
        }
        return outcomes
    }

    /// Renames within the drop folder's file system; never overwrites an earlier file.
    private func move(_ file: URL, to directory: URL, as name: String) throws -> String {
        var target = directory.appendingPathComponent(name)
        var n = 1
        while FileManager.default.fileExists(atPath: target.path)
                || (try? FileManager.default.destinationOfSymbolicLink(atPath: target.path)) != nil {
            n += 1
            target = directory.appendingPathComponent("\(name).\(n)")
        }
        guard rename(file.path, target.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
        }
        return target.path
    }

    private func writeError(_ text: String, for name: String, in directory: URL) throws {
        let url = directory.appendingPathComponent(name + ".error.txt")
        try Data((text + "\n").utf8).write(to: url, options: .atomic)
    }
}
