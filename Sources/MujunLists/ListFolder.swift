import Foundation
import Glibc

/// The folder of one export, `OUT/<list>/<list_date>/`, written so that a crash never leaves a
/// half-written file under a final name (spec lists.md "Files and formats"):
/// every file is first written as `NAME.part` (mode 0640, whatever the umask) and fsynced;
/// `commit()` renames them to their final names, the manifest last, and fsyncs the folder.
/// A `.part` left by a killed export is overwritten by the next one.
struct ListFolder {
    let url: URL
    private(set) var staged: [(temporary: URL, final: URL)] = []

    static let fileMode: mode_t = 0o640

    /// Creates the folder (and its parents) if needed.
    init(_ url: URL) throws {
        self.url = url
        // mkdir -p, keeping the system's reason (Foundation's message hides it).
        var path = ""
        for component in url.standardizedFileURL.path.split(separator: "/") {
            path += "/" + component
            if mkdir(path, 0o750) != 0 && errno != EEXIST {
                throw ListError(.cannotWrite, path: path, message: "cannot create the output folder: \(String(cString: strerror(errno)))")
            }
        }
        guard access(url.path, W_OK) == 0 else {
            throw ListError(.cannotWrite, path: url.path, message: "the output folder is not writable (\(String(cString: strerror(errno))))")
        }
    }

    /// Writes `data` to `NAME.part`, fsynced, to be renamed to `NAME` by `commit()`.
    mutating func stage(_ name: String, _ data: Data) throws {
        let final = url.appendingPathComponent(name)
        let temporary = url.appendingPathComponent(name + ".part")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, ListFolder.fileMode)
        guard fd >= 0 else { throw ListFolder.failure(temporary, "cannot create") }
        var closed = false
        defer { if !closed { close(fd) } }
        guard fchmod(fd, ListFolder.fileMode) == 0 else { throw ListFolder.failure(temporary, "cannot set the mode of") }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw ListFolder.failure(temporary, "cannot write")
                }
                offset += n
            }
        }
        guard fsync(fd) == 0 else { throw ListFolder.failure(temporary, "cannot fsync") }
        closed = true
        guard close(fd) == 0 else { throw ListFolder.failure(temporary, "cannot close") }
        staged.append((temporary, final))
    }

    /// Renames every staged file to its final name, in staging order, and fsyncs the folder.
    mutating func commit() throws {
        for (temporary, final) in staged {
            guard rename(temporary.path, final.path) == 0 else { throw ListFolder.failure(final, "cannot rename \(temporary.lastPathComponent) to") }
        }
        staged = []
        let fd = open(url.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw ListFolder.failure(url, "cannot open") }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw ListFolder.failure(url, "cannot fsync") }
    }

    /// Removes the staged files (after a failure before `commit()`).
    mutating func discard() {
        for (temporary, _) in staged { unlink(temporary.path) }
        staged = []
    }

    static func failure(_ url: URL, _ what: String) -> ListError {
        ListError(.cannotWrite, path: url.path, message: "\(what) the file: \(String(cString: strerror(errno)))")
    }
}
