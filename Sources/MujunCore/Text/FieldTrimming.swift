/// The whitespace and width rules shared by the field helpers (details #1, #5, #14, #24).
///
/// Departments' Windows exports mix full-width forms (`（`, `９`, `Ａ`, U+3000) into otherwise
/// ASCII text, so several comparisons fold them first. Only the full-width ASCII variants
/// U+FF01–U+FF5E are folded (details #1), each to the ASCII character 0xFEE0 below it.
///
/// Here rather than in the loader because the credit-code checks (`USCC`) fold the same way.
/// Everything is `@inlinable`: the loader's per-field hot path calls it from another module.
@usableFromInline
package enum FieldTrimming {
    /// U+3000 IDEOGRAPHIC SPACE, trimmed like ASCII space (details #5).
    @usableFromInline
    package static let ideographicSpace: Unicode.Scalar = "\u{3000}"

    /// `bytes` without leading and trailing ASCII space, tab and U+3000 (UTF-8 E3 80 80).
    @inlinable
    package static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = bytes.count
        while start < end {
            let byte = bytes[start]
            if byte == 0x20 || byte == 0x09 {
                start &+= 1
            } else if byte == 0xE3 && start &+ 3 <= end
                        && bytes[start &+ 1] == 0x80 && bytes[start &+ 2] == 0x80 {
                start &+= 3
            } else {
                break
            }
        }
        while end > start {
            let byte = bytes[end &- 1]
            if byte == 0x20 || byte == 0x09 {
                end &-= 1
            } else if byte == 0x80 && end &- 3 >= start
                        && bytes[end &- 2] == 0x80 && bytes[end &- 3] == 0xE3 {
                end &-= 3
            } else {
                break
            }
        }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    /// Whether `scalar` is trimmed from field ends: ASCII space, tab, U+3000.
    @inlinable
    package static func isTrimmable(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == ideographicSpace
    }

    /// `scalar` with a full-width ASCII variant (U+FF01–U+FF5E) folded to half-width.
    @inlinable
    package static func foldingWidth(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        guard (0xFF01...0xFF5E).contains(scalar.value) else { return scalar }
        return Unicode.Scalar(UInt8(truncatingIfNeeded: scalar.value &- 0xFEE0))
    }

    /// The ASCII byte a UTF-8 sequence at `index` stands for once full-width forms are folded,
    /// and the sequence's length; nil for any other non-ASCII sequence.
    ///
    /// U+FF01–U+FF3F are EF BC 81–BF, U+FF40–U+FF5E are EF BD 80–9E.
    @inlinable @inline(__always)
    package static func foldedASCII(
        _ bytes: UnsafeBufferPointer<UInt8>, at index: Int
    ) -> (byte: UInt8, length: Int)? {
        let lead = bytes[index]
        if lead < 0x80 { return (lead, 1) }
        guard lead == 0xEF, index &+ 3 <= bytes.count else { return nil }
        let middle = bytes[index &+ 1]
        let last = bytes[index &+ 2]
        if middle == 0xBC && last >= 0x81 && last <= 0xBF { return (last &- 0x60, 3) }
        if middle == 0xBD && last >= 0x80 && last <= 0x9E { return (last &- 0x20, 3) }
        return nil
    }

    /// Approximates Unicode full case folding with `uppercased().lowercased()`.
    ///
    /// The standard library has no case-folding API and Foundation is kept out of this module's
    /// field code. Lower-casing alone would leave `ß`/`SS`, `ς`/`σ` or `ſ`/`s` unequal; going
    /// through upper case first maps them together as case folding does. For the names compared
    /// here (Chinese plus ASCII) every method agrees.
    package static func caseFolded(_ text: String) -> String {
        text.uppercased().lowercased()
    }
}
