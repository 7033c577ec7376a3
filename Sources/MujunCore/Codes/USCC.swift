/// 统一社会信用代码, the unified social credit code of GB 32100-2015 (spec domain.md).
///
/// 18 characters over `0123456789ABCDEFGHJKLMNPQRTUWXY` (no I, O, S, V, Z), valued 0–30 in that
/// order; the 18th is a check character over the first 17 with weights 3^(i−1) mod 31.
/// Validation (details #14): fold full-width to half-width, trim, upper-case, then reject a
/// wrong length, a character outside the alphabet or a wrong check character.
///
/// ```swift
/// USCC.normalize(" ９１３５０１００ｍ０００１００ｙ４３ ")   // "91350100M000100Y43"
/// USCC.isValid("913202817642138543")                         // false (transposed digits)
/// ```
public enum USCC {
    /// The code alphabet; a character's position is its value.
    static let alphabet: StaticString = "0123456789ABCDEFGHJKLMNPQRTUWXY"

    /// Whether `text` is a valid code once trimmed, folded and upper-cased.
    public static func isValid(_ text: String) -> Bool {
        normalize(text) != nil
    }

    /// The canonical 18 upper-case ASCII characters of `text`, or nil when it is not a valid
    /// code: trimmed (ASCII space, tab, U+3000), full-width folded, upper-cased, checked.
    public static func normalize(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { bytes -> String? in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 36) { code -> String? in
                let base = code.baseAddress!
                guard fold(FieldTrimming.trimmed(bytes), into: base, capacity: 18),
                      checkValue(values: base + 18) == base[35]
                else { return nil }
                return String(decoding: UnsafeBufferPointer(start: base, count: 18), as: UTF8.self)
            }
        }
    }

    /// The check character for 17 leading characters (after the same trimming, folding and
    /// upper-casing), or nil when they are not 17 characters of the alphabet.
    ///
    /// ```swift
    /// USCC.checkCharacter(for: "91350100M000100Y4")   // "3"
    /// ```
    public static func checkCharacter(for first17: String) -> Character? {
        var text = first17
        return text.withUTF8 { bytes -> Character? in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 34) { code -> Character? in
                let base = code.baseAddress!
                guard fold(FieldTrimming.trimmed(bytes), into: base, capacity: 17) else {
                    return nil
                }
                let check = alphabet.utf8Start[Int(checkValue(values: base + 17))]
                return Character(Unicode.Scalar(check))
            }
        }
    }

    /// The 18-character code made of 17 leading characters and their check character, or nil
    /// when they are not 17 characters of the alphabet. For generated and test data.
    ///
    /// ```swift
    /// USCC.completed("91350100M000100Y4")   // "91350100M000100Y43"
    /// ```
    public static func completed(_ first17: String) -> String? {
        checkCharacter(for: first17).map { first17 + String($0) }
    }

    /// Whether the organisation code inside a valid code (positions 9–17, GB 11714-1997) carries
    /// its own correct check character (position 17).
    ///
    /// Informative only: domain.md makes a mismatch a warning, never a reject. Not called by
    /// `FieldParser`.
    public static func hasConsistentOrganizationCode(_ text: String) -> Bool {
        guard let code = normalize(text) else { return false }
        // GB 11714: weights 3 7 9 10 5 8 4 2 over 8 characters valued 0–9, A=10 … Z=35;
        // check = 11 − (S mod 11), written X for 10 and 0 for 11.
        let weights = [3, 7, 9, 10, 5, 8, 4, 2]
        let characters = Array(code.utf8)
        var sum = 0
        for offset in 0..<8 {
            let byte = characters[8 + offset]
            let value = byte <= 0x39 ? Int(byte - 0x30) : Int(byte - 0x41) + 10
            sum += value * weights[offset]
        }
        let check = 11 - sum % 11
        let expected: UInt8 = check == 10 ? 0x58 : check == 11 ? 0x30 : UInt8(0x30 + check)
        return characters[16] == expected
    }

    // MARK: Hot path (the loader validates every credit-code field with these: see
    // `USCC+Field.swift` in MujunIngest, which inlines them across the module boundary)

    /// Folds `bytes` into exactly `capacity` upper-case alphabet characters at `destination`,
    /// followed by their `capacity` values (so each character is classified once). False for
    /// a character outside the alphabet (after folding and upper-casing) or another length.
    @inlinable @inline(__always)
    package static func fold(
        _ bytes: UnsafeBufferPointer<UInt8>, into destination: UnsafeMutablePointer<UInt8>,
        capacity: Int
    ) -> Bool {
        var index = 0
        var written = 0
        let count = bytes.count
        while index < count {
            guard written < capacity,
                  let (folded, length) = FieldTrimming.foldedASCII(bytes, at: index)
            else { return false }
            // Upper-case ASCII letters (details #14); full-width ｍ has already become m.
            let upper = folded &- 0x61 <= 25 ? folded &- 0x20 : folded
            let characterValue = value(of: upper)
            guard characterValue >= 0 else { return false }
            destination[written] = upper
            destination[capacity &+ written] = UInt8(truncatingIfNeeded: characterValue)
            written &+= 1
            index &+= length
        }
        return written == capacity
    }

    /// `(31 − S mod 31) mod 31` with `S = Σ value(c_i)·W_i` over the first 17 characters and
    /// the weights `W_i = 3^(i−1) mod 31` of domain.md, written out: independent products
    /// instead of a loop whose running weight (`w·3 mod 31`) made a serial dependency chain
    /// that cost more than everything else in the parser.
    @inlinable @inline(__always)
    package static func checkValue(values: UnsafeMutablePointer<UInt8>) -> UInt8 {
        @inline(__always) func v(_ position: Int) -> Int { Int(values[position]) }
        let head = v(0) &* 1 &+ v(1) &* 3 &+ v(2) &* 9 &+ v(3) &* 27 &+ v(4) &* 19 &+ v(5) &* 26
        let middle = v(6) &* 16 &+ v(7) &* 17 &+ v(8) &* 20 &+ v(9) &* 29 &+ v(10) &* 25
        let tail = v(11) &* 13 &+ v(12) &* 8 &+ v(13) &* 24 &+ v(14) &* 10 &+ v(15) &* 30
            &+ v(16) &* 28
        return UInt8(truncatingIfNeeded: (31 &- (head &+ middle &+ tail) % 31) % 31)
    }

    /// The value (0–30) of an upper-case alphabet character, -1 for anything else.
    @inlinable @inline(__always)
    package static func value(of byte: UInt8) -> Int {
        switch byte {
        case 0x30...0x39: return Int(byte &- 0x30)           // 0–9
        case 0x41...0x48: return Int(byte &- 0x41) &+ 10     // A–H: 10–17
        case 0x4A...0x4E: return Int(byte &- 0x4A) &+ 18     // J–N: 18–22 (no I)
        case 0x50...0x52: return Int(byte &- 0x50) &+ 23     // P–R: 23–25 (no O)
        case 0x54, 0x55: return Int(byte &- 0x54) &+ 26      // T, U: 26, 27 (no S)
        case 0x57...0x59: return Int(byte &- 0x57) &+ 28     // W–Y: 28–30 (no V, Z)
        default: return -1
        }
    }
}
