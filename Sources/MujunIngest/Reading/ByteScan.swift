/// Word-at-a-time byte searches for the reader's hot loops.
///
/// Every byte of a multi-gigabyte extract passes through the line-break search and the UTF-8
/// check; testing eight bytes per step keeps those passes far cheaper than libcsv's own.
enum ByteScan {
    /// 0x80 in the zero bytes of `w` (the classic `(w - 0x01…) & ~w & 0x80…` test): its lowest
    /// flagged byte is always a true zero; false positives only sit above a true one.
    @inline(__always)
    static func zeroByteMask(_ w: UInt64) -> UInt64 {
        (w &- 0x0101_0101_0101_0101) & ~w & 0x8080_8080_8080_8080
    }

    /// 0x80 in exactly the zero bytes of `w` (no false positives, unlike `zeroByteMask`).
    @inline(__always)
    static func exactZeroByteMask(_ w: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((w & low7) &+ low7) | w | low7)
    }

    /// Mask flagging CR and LF bytes of `w` (exact for the lowest flagged byte).
    @inline(__always)
    static func lineBreakMask(_ w: UInt64) -> UInt64 {
        zeroByteMask(w ^ 0x0A0A_0A0A_0A0A_0A0A) | zeroByteMask(w ^ 0x0D0D_0D0D_0D0D_0D0D)
    }

    /// Index of the first CR or LF in `p[from..<count]`, or `count` when there is none.
    @inline(__always)
    static func nextLineBreak(_ p: UnsafePointer<UInt8>, from: Int, count: Int) -> Int {
        var i = from
        let raw = UnsafeRawPointer(p)
        while i + 8 <= count {
            // Little-endian order puts byte i + k at bits 8k, so the lowest flag is the first hit.
            let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let mask = lineBreakMask(w)
            if mask != 0 { return i + mask.trailingZeroBitCount >> 3 }
            i += 8
        }
        while i < count {
            let b = p[i]
            if b == 0x0A || b == 0x0D { return i }
            i += 1
        }
        return count
    }
}
