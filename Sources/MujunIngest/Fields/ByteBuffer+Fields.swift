/// Small appends the field parsers share, kept off the public surface.
///
/// Each `ByteBuffer.append` call pays for the buffer's capacity check and for Swift's dynamic
/// exclusivity checks on its stored properties (measured at about a third of the per-field cost
/// when values were appended byte by byte), so these helpers build a value on the stack and
/// append it in one call.
extension ByteBuffer {
    /// Appends a literal's UTF-8 bytes: canonical words (`active`, `t`, …) cost no String.
    @inline(__always)
    func append(literal: StaticString) {
        append(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends `YYYY-MM-DD` (year 0–9999, month and day 0–99), in one call and without
    /// division by a variable.
    @inline(__always)
    func appendISODate(year: Int, month: Int, day: Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { buffer in
            let text = buffer.baseAddress!
            text[0] = UInt8(truncatingIfNeeded: 0x30 &+ year / 1000)
            text[1] = UInt8(truncatingIfNeeded: 0x30 &+ year / 100 % 10)
            text[2] = UInt8(truncatingIfNeeded: 0x30 &+ year / 10 % 10)
            text[3] = UInt8(truncatingIfNeeded: 0x30 &+ year % 10)
            text[4] = 0x2D
            text[5] = UInt8(truncatingIfNeeded: 0x30 &+ month / 10)
            text[6] = UInt8(truncatingIfNeeded: 0x30 &+ month % 10)
            text[7] = 0x2D
            text[8] = UInt8(truncatingIfNeeded: 0x30 &+ day / 10)
            text[9] = UInt8(truncatingIfNeeded: 0x30 &+ day % 10)
            append(UnsafeBufferPointer(start: text, count: 10))
        }
    }
}
