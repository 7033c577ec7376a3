import Foundation

/// The one check an extract path passes before anything opens it (issue 16 item 7): it must be a
/// regular file. Opening a FIFO blocks until a writer comes, and a device such as `/dev/zero`
/// reads forever; either would hold the ingest lock with it. `stat` follows a symlink given on
/// the command line on purpose: what matters is what would be read.
public enum RegularFile {
    /// Throws `ExtractError(.notARegularFile)` for a FIFO, device, socket or folder, and
    /// `(.cannotRead)` when nothing is there.
    public static func require(_ path: String) throws {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw ExtractError(.cannotRead, file: path, message: "no such file")
        }
        let type = info.st_mode & S_IFMT
        guard type != S_IFREG else { return }
        let what: String
        switch type {
        case S_IFDIR: what = "a folder"
        case S_IFIFO: what = "a FIFO (named pipe)"
        case S_IFCHR, S_IFBLK: what = "a device"
        case S_IFSOCK: what = "a socket"
        default: what = "not a regular file"
        }
        throw ExtractError(.notARegularFile, file: path,
                           message: "this is \(what), not a CSV file: refused before reading it")
    }
}
