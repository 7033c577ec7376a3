import MujunCore

extension USCC {
    /// Validates a field and appends its 18 canonical characters: the loader's per-field check,
    /// built from `USCC`'s inlinable folding and check value so the hot loop pays no call.
    @inline(__always)
    static func append(
        _ field: UnsafeBufferPointer<UInt8>, to out: ByteBuffer
    ) throws(RejectReason) {
        // A stack buffer (characters, then their values): nothing reaches `out` unless the
        // code is valid.
        let valid = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 36) { code -> Bool in
            let base = code.baseAddress!
            guard fold(field, into: base, capacity: 18),
                  checkValue(values: base + 18) == base[35]
            else { return false }
            out.append(UnsafeBufferPointer(start: base, count: 18))
            return true
        }
        if !valid { throw .badUSCC }
    }
}
