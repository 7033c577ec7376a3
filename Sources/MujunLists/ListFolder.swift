import Foundation
import Glibc

/// The folder of one export, `OUT/<list>/<list_date>/`, published whole or not at all (spec
/// lists.md "Files and formats", issue 16 items 3 and 5).
///
/// The files are written into a fresh staging folder beside it, `OUT/<list>/.<date>.partial-XXXXXX`
/// (made by `mkdtemp`, so nothing in it predates this export: no `.part` symlink planted there
/// can be followed), each created exclusively, mode 0640, fsynced. `commit()` then publishes the
/// staging folder under the final name with one rename, or, when an earlier export of the same
/// list and date is there, swaps the two folders in one `renameat2(RENAME_EXCHANGE)` and removes
/// the old one: a reader sees the old set or the new one, never a mix. A staging folder left by a
/// killed export is removed by the next export of that list and date (the export lock is held, so
/// no live export owns it).
struct ListFolder {
    /// The final folder, `OUT/<list>/<list_date>`.
    let url: URL
    /// Where the files are written until `commit()`.
    let staging: URL
    private var committed = false

    static let fileMode: mode_t = 0o640
    static let folderMode: mode_t = 0o750

    /// Creates the list's folder (and its parents) if needed, removes dead exports' staging
    /// folders of this date, and makes a fresh staging folder.
    init(_ url: URL) throws {
        self.url = url
        let parent = url.deletingLastPathComponent()
        // mkdir -p, keeping the system's reason (Foundation's message hides it).
        var path = ""
        for component in parent.standardizedFileURL.path.split(separator: "/") {
            path += "/" + component
            if mkdir(path, ListFolder.folderMode) != 0 && errno != EEXIST {
                throw ListError(.cannotWrite, path: path, message: "cannot create the output folder: \(String(cString: strerror(errno)))")
            }
        }
        // OUT itself may be a link an operator made; the folders Mujun owns below it may not: a
        // link there would send the lists (and the removal of an old set) somewhere else.
        for owned in [parent, url] where ListFolder.isSymbolicLink(owned) {
            throw ListError(.cannotWrite, path: owned.path, message: "is a symbolic link; refusing to write lists through it")
        }
        if ListFolder.exists(url) && !ListFolder.isDirectory(url) {
            throw ListError(.cannotWrite, path: url.path, message: "exists and is not a folder")
        }
        guard access(parent.path, W_OK) == 0 else {
            throw ListError(.cannotWrite, path: parent.path, message: "the output folder is not writable (\(String(cString: strerror(errno))))")
        }
        let prefix = ".\(url.lastPathComponent).partial-"
        for leftover in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where leftover.hasPrefix(prefix) {
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(leftover))
        }
        var template = Array(parent.appendingPathComponent(prefix + "XXXXXX").path.utf8CString)
        guard let made = mkdtemp(&template) else {
            throw ListError(.cannotWrite, path: parent.path, message: "cannot create a staging folder: \(String(cString: strerror(errno)))")
        }
        staging = URL(fileURLWithPath: String(cString: made), isDirectory: true)
        guard chmod(staging.path, ListFolder.folderMode) == 0 else { throw ListFolder.failure(staging, "cannot set the mode of") }
    }

    /// Writes `data` as `NAME` in the staging folder, created exclusively and fsynced.
    mutating func stage(_ name: String, _ data: Data) throws {
        let file = staging.appendingPathComponent(name)
        let fd = open(file.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, ListFolder.fileMode)
        guard fd >= 0 else { throw ListFolder.failure(file, "cannot create") }
        var closed = false
        defer { if !closed { close(fd) } }
        guard fchmod(fd, ListFolder.fileMode) == 0 else { throw ListFolder.failure(file, "cannot set the mode of") }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw ListFolder.failure(file, "cannot write")
                }
                offset += n
            }
        }
        guard fsync(fd) == 0 else { throw ListFolder.failure(file, "cannot fsync") }
        closed = true
        guard close(fd) == 0 else { throw ListFolder.failure(file, "cannot close") }
    }

    /// Makes the subfolder `name` of the staging folder (e.g. a notice's `letters/`), mode 0750.
    func makeFolder(_ name: String) throws {
        let sub = staging.appendingPathComponent(name, isDirectory: true)
        guard mkdir(sub.path, ListFolder.folderMode) == 0, chmod(sub.path, ListFolder.folderMode) == 0 else {
            throw ListFolder.failure(sub, "cannot create the folder of")
        }
    }

    /// Publishes the staging folder under the final name in one step, and fsyncs the list folder.
    mutating func commit() throws {
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: staging.path)) ?? []
        where ListFolder.isDirectory(staging.appendingPathComponent(entry)) {
            try ListFolder.fsyncFolder(staging.appendingPathComponent(entry))
        }
        try ListFolder.fsyncFolder(staging)
        if ListFolder.exists(url) {
            guard ListFolder.exchange(staging, url) else {
                throw ListFolder.failure(url, "cannot swap the new export into place of")
            }
            // The old set is now under the staging name.
            try? FileManager.default.removeItem(at: staging)
        } else {
            guard rename(staging.path, url.path) == 0 else { throw ListFolder.failure(url, "cannot rename the staging folder to") }
        }
        committed = true
        try ListFolder.fsyncFolder(url.deletingLastPathComponent())
    }

    /// Removes the staging folder (after a failure before `commit()`): nothing is left behind,
    /// a full disk's half-written `.xlsx` included.
    mutating func discard() {
        guard !committed else { return }
        try? FileManager.default.removeItem(at: staging)
        committed = true
    }

    static func failure(_ url: URL, _ what: String) -> ListError {
        ListError(.cannotWrite, path: url.path, message: "\(what) the file: \(String(cString: strerror(errno)))")
    }

    static func fsyncFolder(_ folder: URL) throws {
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(folder, "cannot open") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw failure(folder, "cannot fsync") }
    }

    static func lstatMode(_ url: URL) -> mode_t? {
        var info = stat()
        return lstat(url.path, &info) == 0 ? info.st_mode & S_IFMT : nil
    }
    static func exists(_ url: URL) -> Bool { lstatMode(url) != nil }
    static func isDirectory(_ url: URL) -> Bool { lstatMode(url) == S_IFDIR }
    static func isSymbolicLink(_ url: URL) -> Bool { lstatMode(url) == S_IFLNK }

    /// `renameat2(a, b, RENAME_EXCHANGE)`: swaps two paths atomically (Linux 3.15+, glibc
    /// 2.28+). Glibc's Swift module does not declare it (it is a _GNU_SOURCE function), so it is
    /// looked up once at run time.
    static func exchange(_ a: URL, _ b: URL) -> Bool {
        guard let renameat2 = ListFolder.renameat2 else { errno = ENOSYS; return false }
        return renameat2(AT_FDCWD, a.path, AT_FDCWD, b.path, 2 /* RENAME_EXCHANGE */) == 0
    }

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private static let renameat2: RenameAt2? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()
}
