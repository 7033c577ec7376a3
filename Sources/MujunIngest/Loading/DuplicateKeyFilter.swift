/// Finds the keys of a batch that may repeat, with fixed memory, so the exact duplicate check
/// in SQL only has to look at those keys instead of grouping the whole batch.
///
/// A Bloom filter (16 MiB, 3 probes) never misses a key it has seen; a key it reports as
/// possibly seen is kept as a candidate, in its COPY text form. About 40 false candidates are
/// expected for 2 million distinct keys. Past `candidateLimit` candidates (a file with very
/// many rows or very many duplicates) the filter gives up and the loader checks everything,
/// so the result is always exact and memory stays flat whatever the file's size.
final class DuplicateKeyFilter {
    static let bitCount = 1 << 27
    static let candidateLimit = 50_000

    private let bits: UnsafeMutablePointer<UInt64>
    /// Candidate keys as COPY text rows (`k1\tk2\n`), or nil once the limit was passed.
    private(set) var candidates: ByteBuffer? = ByteBuffer(capacity: 4096)
    private(set) var candidateCount = 0

    init() {
        bits = .allocate(capacity: DuplicateKeyFilter.bitCount / 64)
        bits.initialize(repeating: 0, count: DuplicateKeyFilter.bitCount / 64)
    }

    deinit { bits.deallocate() }

    /// Whether every duplicate is among the candidates (false: check the whole batch).
    var isExact: Bool { candidates != nil }

    /// Adds one key of one or two columns, given as their COPY text values; records it as a
    /// candidate if it may have been seen before.
    func add(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>?) {
        var h = Hasher()
        h.combine(bytes: UnsafeRawBufferPointer(first))
        h.combine(0xFF as UInt8)  // separates (ab, c) from (a, bc)
        if let second { h.combine(bytes: UnsafeRawBufferPointer(second)) }
        let hash = UInt64(bitPattern: Int64(h.finalize()))
        let h1 = hash & 0xFFFF_FFFF, h2 = (hash >> 32) | 1
        var seen = true
        for i in 0..<3 as Range<UInt64> {
            let bit = Int((h1 &+ i &* h2) % UInt64(DuplicateKeyFilter.bitCount))
            let word = bits[bit >> 6], mask = UInt64(1) << UInt64(bit & 63)
            if word & mask == 0 {
                seen = false
                bits[bit >> 6] = word | mask
            }
        }
        guard seen, let candidates else { return }
        candidateCount += 1
        if candidateCount > DuplicateKeyFilter.candidateLimit {
            self.candidates = nil
            return
        }
        candidates.append(first)
        if let second {
            candidates.append(0x09)
            candidates.append(second)
        }
        candidates.append(0x0A)
    }
}
