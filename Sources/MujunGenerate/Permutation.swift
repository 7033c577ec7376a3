/// A seeded bijection of `0..<modulus`: a four-round Feistel network over the smallest
/// power-of-four domain that holds the modulus, with cycle-walking back into range.
///
/// It turns an enterprise's index into a unique code (organisation code, account number,
/// trade name) without remembering the codes already handed out: distinct indexes give
/// distinct images, so uniqueness holds for any county size and memory stays flat. Unlike an
/// affine map (`a·x + b mod m`), neighbouring indexes get unrelated images, so consecutive
/// rows of an extract do not show codes in arithmetic progression.
///
/// ```swift
/// let p = Permutation(modulus: 100, seed: 9)
/// Set((0..<100).map(p.apply)).count   // 100
/// ```
public struct Permutation: Sendable {
    public let modulus: UInt64
    private let halfBits: UInt64
    private let halfMask: UInt64
    private let keys: (UInt64, UInt64, UInt64, UInt64)

    public init(modulus: UInt64, seed: UInt64) {
        precondition(modulus > 0)
        self.modulus = modulus
        var bits: UInt64 = 2
        while bits < 64 && (UInt64(1) << bits) < modulus { bits += 2 }
        halfBits = bits / 2
        halfMask = (UInt64(1) << halfBits) - 1
        var random = SeededRandom(seed: seed ^ modulus)
        keys = (random.next(), random.next(), random.next(), random.next())
    }

    /// The image of `x` (which must be below the modulus).
    @inline(__always)
    public func apply(_ x: Int) -> Int {
        assert(x >= 0 && UInt64(x) < modulus, "\(x) is outside 0..<\(modulus)")
        var value = UInt64(x)
        repeat {
            value = feistel(value)
        } while value >= modulus
        return Int(value)
    }

    @inline(__always)
    private func feistel(_ value: UInt64) -> UInt64 {
        var left = value >> halfBits
        var right = value & halfMask
        (left, right) = (right, left ^ (SeededRandom.mix(right ^ keys.0) & halfMask))
        (left, right) = (right, left ^ (SeededRandom.mix(right ^ keys.1) & halfMask))
        (left, right) = (right, left ^ (SeededRandom.mix(right ^ keys.2) & halfMask))
        (left, right) = (right, left ^ (SeededRandom.mix(right ^ keys.3) & halfMask))
        return (left << halfBits) | right
    }
}
