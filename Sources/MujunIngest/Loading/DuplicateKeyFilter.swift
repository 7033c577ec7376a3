import Glibc

/// Finds the keys of a batch that may repeat, with fixed memory, so the exact duplicate check
/// in SQL only has to look at those keys instead of grouping the whole batch.
///
/// A blocked Bloom filter (16 MiB): each key sets 8 bits inside one 64-byte block, so adding a
/// key costs one cache miss, not one per probe (the earlier 3-probe filter spent most of its
/// time waiting on memory). It never misses a key it has seen. For 2 million distinct keys
/// about 0.05 false candidates are expected, so the SQL check usually has nothing to look at;
/// for 20 million, a few percent. A key reported as possibly seen is kept as a candidate, in
/// its COPY text form. Past `candidateLimit` candidates (a file with very many rows or very
/// many duplicates) the filter gives up and the loader checks everything, so the result is
/// always exact and memory stays flat whatever the file's size.
///
/// The hash is fixed (no per-process seed, unlike Swift's `Hasher`), so a file gives the same
/// candidates on every run.
final class DuplicateKeyFilter {
    static let blockCount = 1 << 18          // 2^18 blocks × 64 bytes = 16 MiB
    static let bitsPerKey = 8
    static let candidateLimit = 50_000

    /// Eight 64-bit words per block.
    private let words: UnsafeMutablePointer<UInt64>
    /// Candidate keys as COPY text rows (`k1\tk2\n`), or nil once the limit was passed.
    private(set) var candidates: ByteBuffer? = ByteBuffer(capacity: 4096)
    private(set) var candidateCount = 0

    init() {
        // On 2 MiB-aligned memory marked for transparent huge pages: keys land on random blocks,
        // and with 4 KiB pages nearly every add also missed the TLB (4 096 pages); with huge
        // pages the 16 MiB are 8 pages. madvise is a hint: where THP is off, nothing changes.
        let bytes = DuplicateKeyFilter.blockCount * 64
        var memory: UnsafeMutableRawPointer?
        if posix_memalign(&memory, 2 << 20, bytes) != 0 {
            memory = nil
        }
        let base = memory ?? UnsafeMutableRawPointer(UnsafeMutablePointer<UInt64>.allocate(capacity: bytes / 8))
        _ = madvise(base, bytes, Int32(MADV_HUGEPAGE))
        memset(base, 0, bytes)
        words = base.bindMemory(to: UInt64.self, capacity: bytes / 8)
    }

    // Both allocations above are malloc-family memory (Swift's allocate is malloc on Linux).
    deinit { free(words) }

    /// Whether every duplicate is among the candidates (false: check the whole batch).
    var isExact: Bool { candidates != nil }

    /// Adds one key of one or two columns, given as their COPY text values; records it as a
    /// candidate if it may have been seen before.
    func add(_ first: UnsafeBufferPointer<UInt8>, _ second: UnsafeBufferPointer<UInt8>?) {
        var hash = KeyHash.bytes(first, seed: 0x9E37_79B9_7F4A_7C15)
        // The separator keeps (ab, c) apart from (a, bc).
        if let second { hash = KeyHash.bytes(second, seed: hash ^ 0xFF) }
        let block = words + Int(truncatingIfNeeded: hash & UInt64(DuplicateKeyFilter.blockCount - 1)) * 8
        // Nine bits per probe pick one of the block's 512 bits; a second hash gives 8 × 9 = 72
        // bits where the first has 46 left above the block index.
        var probes = KeyHash.mix(hash, 0xD6E8_FEB8_6659_FD93)
        var seen = true
        for _ in 0..<DuplicateKeyFilter.bitsPerKey {
            let bit = Int(truncatingIfNeeded: probes & 511)
            probes >>= 9
            let mask = UInt64(1) << UInt64(bit & 63)
            let word = block[bit >> 6]
            if word & mask == 0 {
                seen = false
                block[bit >> 6] = word | mask
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

/// A fast 64-bit hash of short byte strings (a key of an extract row is 10–40 bytes), built on
/// the 128-bit multiply-and-fold of wyhash. Not cryptographic; good enough to spread keys over
/// the filter's blocks and bits.
enum KeyHash {
    @inline(__always)
    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    static func bytes(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
        var h = seed ^ (UInt64(bytes.count) &* 0xA076_1D64_78BD_642F)
        guard let base = bytes.baseAddress else { return mix(h, 0xE703_7ED1_A0B4_28DB) }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= bytes.count {
            h = mix(h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self), 0xE703_7ED1_A0B4_28DB)
            i += 8
        }
        if i < bytes.count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < bytes.count {
                tail |= UInt64(base[i]) << shift
                shift += 8
                i += 1
            }
            h = mix(h ^ tail, 0x8EBC_6AF0_9C88_C6E3)
        }
        return mix(h, 0x5899_65CC_7537_4CC3)
    }
}
