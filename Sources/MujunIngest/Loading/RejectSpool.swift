import Foundation

/// Rejected rows of a batch, spooled to a temporary file in COPY text format while the rows
/// stream to staging (one connection can run one COPY at a time), then COPYed into
/// `runs.rejects` in the batch's transaction. A file, not memory: a 5 GB extract of bad rows
/// needs no more memory than a small one.
final class RejectSpool {
    private let handle: FileHandle
    private let buffer = ByteBuffer(capacity: 64 * 1024)
    private(set) var count = 0
    private(set) var byReason: [RejectReason: Int] = [:]

    /// Creates the spool: mode 0600 (rejected rows are raw extract data), and unlinked at once,
    /// so it has no name to leak and vanishes with the process, a killed one too (issue 16 item
    /// 10; before, each killed ingest left a `mujun-rejects-*.copy` of mode 0644 in the
    /// temporary folder).
    init(in folder: URL = FileManager.default.temporaryDirectory) throws {
        RejectSpool.removeLeftovers(in: folder)
        let path = folder.appendingPathComponent("mujun-rejects-\(UUID().uuidString).copy").path
        let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path,
                                                           NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
        unlink(path)
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    deinit { try? handle.close() }

    /// Named spool files of earlier versions, left by ingests that were killed: removed once
    /// they are an hour old (a live ingest of an earlier version writes to its own constantly).
    static func removeLeftovers(in folder: URL) {
        let fm = FileManager.default
        for name in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
        where name.hasPrefix("mujun-rejects-") && name.hasSuffix(".copy") {
            let url = folder.appendingPathComponent(name)
            if let modified = (try? fm.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date,
               modified < Date().addingTimeInterval(-3600) {
                try? fm.removeItem(at: url)
            }
        }
    }

    func add(batchID: Int64, line: Int, column: String, reason: RejectReason, raw: String) throws {
        count += 1
        byReason[reason, default: 0] += 1
        buffer.append("\(batchID)\t\(line)\t")
        RejectSpool.appendText(column, to: buffer)
        buffer.append("\t\(reason.rawValue)\t")
        RejectSpool.appendText(raw, to: buffer)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 60 * 1024 { try flush() }
    }

    /// COPY-escapes text that must be stored whatever it holds: a NUL (which PostgreSQL text
    /// cannot store) is written `\x00`, as invalid bytes are (details.md #67).
    static func appendText(_ text: String, to out: ByteBuffer) {
        let safe = text.contains("\u{0}") ? text.replacingOccurrences(of: "\u{0}", with: "\\x00") : text
        try? CopyText.append(safe, to: out)
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        try handle.write(contentsOf: Data(buffer.bytes))
        buffer.removeAll()
    }

    /// Streams the spooled rows into `copy`.
    func replay(into write: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try flush()
        try handle.seek(toOffset: 0)
        while let data = try handle.read(upToCount: 48 * 1024), !data.isEmpty {
            try data.withUnsafeBytes { try write($0.bindMemory(to: UInt8.self)) }
        }
    }
}
