import Foundation
import Glibc

/// UTF-8 → GB18030 with glibc's iconv, for the extracts that departments' Windows machines
/// write in the national encoding (spec extracts.md "encoding").
///
/// iconv rather than Foundation's `String.data(using:)`: an order of magnitude faster
/// (shared/notes/toolchain.md) and no `String` per chunk. Every character the generator
/// writes (CJK, full-width brackets, ASCII) exists in GB18030, so conversion never fails on
/// our own text; a failure is reported rather than papered over.
final class GB18030Encoder {
    private let converter: iconv_t
    private var output: UnsafeMutablePointer<UInt8>
    private var capacity: Int

    init() throws {
        let cd = iconv_open("GB18030", "UTF-8")
        guard let cd, cd != iconv_t(bitPattern: -1) else {
            throw CocoaError(.fileWriteInapplicableStringEncoding,
                             userInfo: [NSLocalizedDescriptionKey: "cannot encode GB18030 on this system (iconv_open failed)"])
        }
        converter = cd
        capacity = 1 << 20
        output = .allocate(capacity: capacity)
    }

    deinit {
        iconv_close(converter)
        output.deallocate()
    }

    /// Converts whole UTF-8 characters (callers pass complete rows); the result is valid until
    /// the next call.
    func encode(_ input: UnsafeBufferPointer<UInt8>) throws -> UnsafeBufferPointer<UInt8> {
        // GB18030 never needs more than 4 bytes where UTF-8 had at least 1; ×2 covers CJK
        // (3 → 2 bytes) and ASCII (1 → 1) with room; grow on E2BIG anyway.
        if capacity < 2 * input.count + 16 {
            output.deallocate()
            capacity = 2 * input.count + 16
            output = .allocate(capacity: capacity)
        }
        guard let base = input.baseAddress, input.count > 0 else {
            return UnsafeBufferPointer(start: output, count: 0)
        }
        var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: base)
            .assumingMemoryBound(to: CChar.self)
        var inLeft = input.count
        var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(output).assumingMemoryBound(to: CChar.self)
        var outLeft = capacity
        let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
        if result == -1 || inLeft != 0 {
            throw CocoaError(.fileWriteInapplicableStringEncoding,
                             userInfo: [NSLocalizedDescriptionKey: "text not representable in GB18030 (errno \(errno))"])
        }
        return UnsafeBufferPointer(start: output, count: capacity - outLeft)
    }
}
