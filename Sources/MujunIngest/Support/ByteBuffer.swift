/// A growable byte buffer over raw memory, reused row after row.
///
/// The ingest hot path appends every validated field here in COPY text format. Swift arrays
/// paid for bounds and exclusivity checks on every byte (shared/notes/toolchain.md: 2.65 s →
/// 1.95 s for 2 M rows with raw buffers), hence this small unsafe type with a safe surface.
/// Exclusivity checks are off for its stored properties: a buffer belongs to one loader on one
/// thread, and the checks cost a third of a field parse.
public final class ByteBuffer {
    @exclusivity(unchecked) public private(set) var count: Int = 0
    @exclusivity(unchecked) public private(set) var capacity: Int
    @exclusivity(unchecked) var storage: UnsafeMutablePointer<UInt8>

    public init(capacity: Int = 64 * 1024) {
        self.capacity = max(capacity, 16)
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    public var isEmpty: Bool { count == 0 }

    /// The bytes written so far; valid until the next mutation.
    public var bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: storage, count: count)
    }

    public func removeAll() { count = 0 }

    /// Drops everything after the first `newCount` bytes (to undo a half-written row).
    public func truncate(to newCount: Int) {
        precondition(newCount >= 0 && newCount <= count)
        count = newCount
    }

    func grow(toAtLeast needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStorage.update(from: storage, count: count)
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
    }

    public func append(_ byte: UInt8) {
        if count == capacity { grow(toAtLeast: count + 1) }
        storage[count] = byte
        count += 1
    }

    public func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        if count + bytes.count > capacity { grow(toAtLeast: count + bytes.count) }
        (storage + count).update(from: base, count: bytes.count)
        count += bytes.count
    }

    /// Appends a non-negative integer's decimal digits (no String in between: once per row).
    public func appendDecimal(_ value: Int) {
        precondition(value >= 0)
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                      UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = value, count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[19 - count] = UInt8(48 + n % 10)
                n /= 10
                count += 1
            } while n > 0
            append(UnsafeBufferPointer(start: d.baseAddress!.assumingMemoryBound(to: UInt8.self) + 20 - count, count: count))
        }
    }

    public func append(_ string: String) {
        var s = string
        s.withUTF8 { append($0) }
    }

    public func append<S: Sequence>(contentsOf bytes: S) where S.Element == UInt8 {
        for b in bytes { append(b) }
    }
}
