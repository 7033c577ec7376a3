import Foundation
import MujunGenerate
import MujunIngest
import Testing

/// Same arguments, same bytes; another seed, another county.
@Suite("Generate: deterministic for a seed")
struct DeterminismTests {
    @Test("the same seed writes byte-identical files; another seed writes different ones")
    func sameSeedSameBytes() throws {
        let first = try GeneratedCounty(enterprises: 120, seed: 7)
        let again = try GeneratedCounty(enterprises: 120, seed: 7)
        let other = try GeneratedCounty(enterprises: 120, seed: 8)
        let a = try first.contents(), b = try again.contents(), c = try other.contents()
        #expect(a.keys.sorted() == [
            "accounts_2024-12-31.csv", "manifest.json", "parcels_2024-12-31.csv", "power_2023-12-31.csv",
            "power_2024-12-31.csv", "registry_2024-12-31.csv", "statistics_2023-12-31.csv", "statistics_2024-12-31.csv",
            "tax_2023-12-31.csv", "tax_2024-12-31.csv",
        ])
        #expect(a.keys.sorted() == b.keys.sorted())
        for (name, data) in a {
            #expect(data == b[name], "\(name) differs between two runs with the same seed")
        }
        for (name, data) in a where name != "manifest.json" {
            #expect(data != c[name], "\(name) is the same for seeds 7 and 8")
        }
    }

    @Test("an enterprise is the same firm whatever the county size (up to 15 129 firms: two-character trade names)")
    func enterpriseIsAFunctionOfItsIndex() {
        let small = CountyModel(options: CountyOptions(enterprises: 300, firstYear: 2023, lastYear: 2024, seed: 5))
        let big = CountyModel(options: CountyOptions(enterprises: 5_000, firstYear: 2023, lastYear: 2024, seed: 5))
        for index in [0, 1, 99, 250] {
            let a = small.enterprise(at: index), b = big.enterprise(at: index)
            #expect(a.uscc == b.uscc && a.name == b.name && a.parcels.map(\.parcelID) == b.parcels.map(\.parcelID))
        }
    }

    @Test("the seeded generator is reproducible and spreads evenly")
    func seededRandom() {
        var a = SeededRandom(seed: 1, stream: .tax, index: 3, salt: 2024)
        var b = SeededRandom(seed: 1, stream: .tax, index: 3, salt: 2024)
        var c = SeededRandom(seed: 1, stream: .tax, index: 4, salt: 2024)
        let xs = (0..<1000).map { _ in a.next() }
        #expect(xs == (0..<1000).map { _ in b.next() })
        #expect(xs != (0..<1000).map { _ in c.next() })
        var r = SeededRandom(seed: 99)
        let mean = (0..<20_000).reduce(0.0) { acc, _ in acc + r.uniform() } / 20_000
        #expect(abs(mean - 0.5) < 0.01)
        let ints = (0..<1000).map { _ in r.int(in: 3...7) }
        #expect(Set(ints) == [3, 4, 5, 6, 7])
    }

    @Test("a seeded permutation is a bijection")
    func permutation() {
        for modulus in [1, 2, 100, 15_129, 10_007] as [UInt64] {
            let p = Permutation(modulus: modulus, seed: 12)
            #expect(Set((0..<Int(modulus)).map(p.apply)).count == Int(modulus))
        }
    }
}
