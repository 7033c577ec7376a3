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

    /// An entry of the drop folder that is left where it is, and why: every entry is loaded,
    /// failed, or skipped with a line in the report (issue 16 item 2).
    public struct Skipped: Sendable, Codable, Equatable {
        public var name: String
        public var reason: String
    }

    /// What the folder holds now: the files to take, in load order; the entries left in place;
    /// and the names that are not UTF-8, as their bytes.
    struct Survey {
        var candidates: [Candidate] = []
        var skipped: [Skipped] = []
        var badNames: [[UInt8]] = []
    }

    /// The files that would be taken now, in load order, and what is left and why.
    func survey(now: Date = Date()) throws -> Survey {
        var survey = Survey()
        for bytes in try Self.entryNames(of: folder) {
            // Foundation would list such a name with U+FFFD in it, under which no file exists:
            // it used to be skipped without a word, never loaded, never moved.
            guard let name = String(validating: bytes, as: UTF8.self) else {
                survey.badNames.append(bytes)
                continue
            }
            if name == "archive" || name == "failed" { continue }
            let lower = name.lowercased()
            let path = folder.appendingPathComponent(name).path
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            let type = info.st_mode & S_IFMT
            func skip(_ reason: String) { survey.skipped.append(Skipped(name: name, reason: reason)) }
            if lower.hasSuffix(".rejects.csv") { skip("a rejects file, not an extract"); continue }
            guard lower.hasSuffix(".csv"), InboxRunner.isPlainName(name) else {
                if lower.hasSuffix(".part") || lower.hasSuffix(".tmp") {
                    skip("still being written (.part/.tmp): taken once it is renamed")
                } else if type == S_IFDIR {
                    skip("a folder")
                } else {
                    skip("not a .csv file")
                }
                continue
            }
            let isLink = type == S_IFLNK
            if !isLink {
                guard type == S_IFREG else { skip("not a regular file (a FIFO, device or folder): never opened"); continue }
                let modified = Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec))
                if now.timeIntervalSince(modified) < settleSeconds {
                    skip("modified within the last \(Int(settleSeconds)) s: may still be arriving, taken next run")
                    continue
                }
            }
            survey.candidates.append(Candidate(name: name, kind: ExtractKind.fromFileName(name),
                                               asOf: BatchLoader.asOf(fromFileName: name) ?? options.today, isSymlink: isLink))
        }
        survey.candidates.sort { $0.loadOrder < $1.loadOrder }
        survey.skipped.sort { $0.name < $1.name }
        return survey
    }

    /// The names of a folder's entries as bytes (readdir), whatever their encoding.
    static func entryNames(of folder: URL) throws -> [[UInt8]] {
        guard let dir = opendir(folder.path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: folder.path,
                                                             NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
        defer { closedir(dir) }
        var names: [[UInt8]] = []
        while let entry = readdir(dir) {
            let bytes = withUnsafePointer(to: &entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: UInt8.self, capacity: 256) { Array(UnsafeBufferPointer(start: $0, count: strlen(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)))) }
            }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] { continue }
            names.append(bytes)
        }
        return names
    }

    /// A name that is not UTF-8 as a name that is: ASCII kept, every other byte `%XX`.
    static func escaped(_ bytes: [UInt8]) -> String {
        bytes.map { $0 < 0x80 && $0 != 0x25 ? String(UnicodeScalar($0)) : String(format: "%%%02X", $0) }.joined()
    }

    /// A single path component with nothing that could climb out of the folder.
    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && name != "." && name != ".." && !name.contains("/") && !name.contains("\0")
    }

    /// Loads every candidate; database failures stop the run (they are not the file's fault).
    public func run() throws -> (outcomes: [Outcome], skipped: [Skipped]) {
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
        let survey = try survey()
        for bytes in survey.badNames {
            // Moved to failed/ under a UTF-8 name, with the reason beside it: an operator sees it.
            let name = Self.escaped(bytes)
            var outcome = Outcome(file: folder.appendingPathComponent(name).path, kind: ExtractKind.fromFileName(name))
            let error = ExtractError(.badFileName, file: outcome.file, message:
                "the file name is not valid UTF-8 (GBK from Windows?); moved to failed/ as \(name): "
                + "rename it in UTF-8 and put it in the drop folder again")
            outcome.error = error
            let raw = Array(folder.path.utf8) + [0x2F] + bytes
            let path = String(decoding: raw, as: UTF8.self)
            do {
                outcome.movedTo = try raw.withUnsafeBufferPointer { buffer -> String in
                    var cString = Array(buffer) + [0]
                    return try cString.withUnsafeMutableBufferPointer { c in
                        try Self.move(rawPath: c.baseAddress!, display: path, to: failed, as: name)
                    }
                }
                try writeError(error.description, for: name, in: failed)
            } catch {
                outcome.error = ExtractError(.badFileName, file: outcome.file,
                                             message: "the file name is not valid UTF-8, and it could not be moved to failed/: \(error)")
            }
            outcomes.append(outcome)
        }
        for candidate in survey.candidates {
            let file = folder.appendingPathComponent(candidate.name)
            var outcome = Outcome(file: file.path, kind: candidate.kind)
            do {
                if candidate.isSymlink {
                    throw ExtractError(.badFileName, file: file.path,
                                       message: "is a symbolic link; the drop folder takes regular files only")
                }
                guard let kind = candidate.kind else {
                    throw ExtractError(.badFileName, file: file.path, message:
                        "the kind cannot be told from the name: it must start with registry, tax, power, parcels, accounts, statistics or stats")
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
        return (outcomes, survey.skipped)
    }

    /// Renames within the drop folder's file system; never overwrites an earlier file.
    /// The name is cut to fit the 255-byte limit with room for a `.N` (`FileNameLimit`).
    private func move(_ file: URL, to directory: URL, as name: String) throws -> String {
        try Self.move(path: file.path, to: directory, as: name)
    }

    /// `move` for a path given as bytes (a name that is not UTF-8).
    static func move(rawPath: UnsafeMutablePointer<UInt8>, display: String, to directory: URL, as wanted: String) throws -> String {
        let name = FileNameLimit.fit(wanted, reserve: 4)
        var target = directory.appendingPathComponent(name)
        var n = 1
        while FileManager.default.fileExists(atPath: target.path) {
            n += 1
            target = directory.appendingPathComponent("\(name).\(n)")
        }
        let done = rawPath.withMemoryRebound(to: CChar.self, capacity: 1) { rename($0, target.path) }
        guard done == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: display,
                                                           NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
        return target.path
    }

    static func move(path: String, to directory: URL, as wanted: String) throws -> String {
        let name = FileNameLimit.fit(wanted, reserve: 4)
        var target = directory.appendingPathComponent(name)
        var n = 1
        while FileManager.default.fileExists(atPath: target.path)
                || (try? FileManager.default.destinationOfSymbolicLink(atPath: target.path)) != nil {
            n += 1
            target = directory.appendingPathComponent("\(name).\(n)")
        }
        guard rename(path, target.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path,
                                                           NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
        return target.path
    }

    private func writeError(_ text: String, for name: String, in directory: URL) throws {
        let url = directory.appendingPathComponent(FileNameLimit.fit(name, ".error.txt"))
        try Data((text + "\n").utf8).write(to: url, options: .atomic)
    }
}
