import Foundation

/// Rejected rows of a batch, spooled to a temporary file in COPY text format while the rows
/// stream to staging (one connection can run one COPY at a time), then COPYed into
/// `runs.rejects` in the batch's transaction. A file, not memory: a 5 GB extract of bad rows
/// needs no more memory than a small one.
final class RejectSpool {
    let url: URL
    private let handle: FileHandle
    private let buffer = ByteBuffer(capacity: 64 * 1024)
    private(set) var count = 0
    private(set) var byReason: [RejectReason: Int] = [:]

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("mujun-rejects-\(UUID().uuidString).copy")
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        handle = try FileHandle(forWritingTo: url)
    }

    deinit {
        try? handle.close()
        try? FileManager.default.removeItem(at: url)
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
        let reader = try FileHandle(forReadingFrom: url)
        defer { try? reader.close() }
        while let data = try reader.read(upToCount: 48 * 1024), !data.isEmpty {
            try data.withUnsafeBytes { try write($0.bindMemory(to: UInt8.self)) }
        }
    }
}
