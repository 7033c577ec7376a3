import Foundation

/// A small, fast, seedable pseudo-random generator (xoshiro256**, seeded through SplitMix64).
///
/// The generator never touches the system's randomness (`Double.random`, `SystemRandomNumberGenerator`):
/// every value of a county comes from the seed, so the same arguments always write the same
/// bytes. Each entity draws from its own stream, derived from the seed, a stream tag and the
/// entity's index (`SeededRandom(seed:stream:index:)`), so that a file can be written without
/// replaying the draws of any other file, and enterprise 123 is the same firm in every file.
///
/// ```swift
/// var random = SeededRandom(seed: 42, stream: .enterprise, index: 7)
/// let share = random.uniform()          // in [0, 1)
/// let mu = random.logNormal(median: 20, sigma: 0.6)
/// ```
public struct SeededRandom: RandomNumberGenerator, Sendable {
    /// Independent streams: one per concern, so that adding a draw to one never shifts another.
    public enum Stream: UInt64, Sendable {
        case enterprise = 1
        case parcels = 2
        case tax = 3
        case power = 4
        case accounts = 5
        case schedule = 6
        case planted = 7
        case names = 8
        case statistics = 9
    }

    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A generator whose four words come from SplitMix64 started at `seed`.
    public init(seed: UInt64) {
        var mixer = seed
        s0 = SeededRandom.splitMix(&mixer)
        s1 = SeededRandom.splitMix(&mixer)
        s2 = SeededRandom.splitMix(&mixer)
        s3 = SeededRandom.splitMix(&mixer)
    }

    /// The stream of one entity: the same (seed, stream, index, salt) always gives the same draws.
    public init(seed: UInt64, stream: Stream, index: Int, salt: Int = 0) {
        var h = seed ^ 0x6A09_E667_F3BC_C908
        h = SeededRandom.mix(h &+ stream.rawValue &* 0x9E37_79B9_7F4A_7C15)
        h = SeededRandom.mix(h &+ UInt64(bitPattern: Int64(index)) &* 0xBF58_476D_1CE4_E5B9)
        h = SeededRandom.mix(h &+ UInt64(bitPattern: Int64(salt)) &* 0x94D0_49BB_1331_11EB)
        self.init(seed: h)
    }

    /// SplitMix64's step: advances `state` and returns a well-mixed word.
    @inline(__always)
    static func splitMix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return mix(state)
    }

    /// SplitMix64's finaliser (a bijection on 64-bit words).
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The next 64 random bits (xoshiro256**).
    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotate(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotate(s3, 45)
        return result
    }

    @inline(__always)
    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// A double in [0, 1) with 53 random bits.
    @inline(__always)
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A double in [low, high).
    @inline(__always)
    public mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * uniform()
    }

    /// An integer in `range` (Lemire's multiply-shift; the tiny bias is irrelevant here and the
    /// draw count stays fixed, which keeps streams aligned).
    @inline(__always)
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        let product = next().multipliedFullWidth(by: width)
        return range.lowerBound + Int(product.high)
    }

    /// True with probability `p`.
    @inline(__always)
    public mutating func chance(_ p: Double) -> Bool {
        uniform() < p
    }

    /// A standard normal deviate (Box–Muller; one of the pair is dropped so every call draws
    /// exactly two words).
    public mutating func normal() -> Double {
        let u1 = max(uniform(), 0x1.0p-60)
        let u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A log-normal value with the given median and shape.
    public mutating func logNormal(median: Double, sigma: Double) -> Double {
        median * exp(sigma * normal())
    }

    /// An element of a non-empty array, uniformly.
    @inline(__always)
    public mutating func pick<T>(_ items: [T]) -> T {
        items[int(in: 0...(items.count - 1))]
    }

    /// An index drawn with the given non-negative weights (not all zero).
    public mutating func weightedIndex(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var target = uniform() * total
        for (index, weight) in weights.enumerated() {
            if target < weight { return index }
            target -= weight
        }
        return weights.count - 1
    }
}
