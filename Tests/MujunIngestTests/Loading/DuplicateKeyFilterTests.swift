@testable import MujunIngest
import Testing

@Suite("Duplicate key filter")
struct DuplicateKeyFilterTests {
    func add(_ filter: DuplicateKeyFilter, _ a: String, _ b: String) {
        var a = a, b = b
        a.withUTF8 { x in b.withUTF8 { y in filter.add(x, y) } }
    }

    @Test("every repeated key is a candidate; distinct keys rarely are")
    func candidates() {
        let filter = DuplicateKeyFilter()
        for i in 0..<100_000 { add(filter, "uscc\(i)", "2024-01-01") }
        #expect(filter.candidateCount == 0)  // false positives: about 10⁻⁷ expected, and the hash is fixed
        add(filter, "uscc42", "2024-01-01")
        add(filter, "uscc4", "22024-01-01")  // not a repeat: the separator keeps (a, bc) ≠ (ab, c)
        #expect(filter.isExact)
        let text = String(decoding: filter.candidates!.bytes, as: UTF8.self)
        #expect(text.hasSuffix("uscc42\t2024-01-01\n"))
    }

    @Test("a million distinct keys of a tax extract's shape give no candidate at all")
    func noFalseCandidates() {
        let filter = DuplicateKeyFilter()
        for firm in 0..<50_000 {
            let uscc = "91320100MA" + String(firm + 10_000_000)
            for month in 1...20 { add(filter, uscc, "20\(23 + month / 13)-\(month % 12 + 1)-01") }
        }
        #expect(filter.candidateCount == 0)
        #expect(filter.isExact)
    }

    @Test("past the limit the filter stops collecting and asks for a full check")
    func fallback() {
        let filter = DuplicateKeyFilter()
        for _ in 0...(DuplicateKeyFilter.candidateLimit + 1) { add(filter, "same", "key") }
        #expect(!filter.isExact)
        #expect(filter.candidates == nil)
    }
}
