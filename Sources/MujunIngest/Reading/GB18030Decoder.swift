import Glibc

/// Streaming GB18030 → UTF-8 conversion with glibc's iconv.
///
/// iconv rather than Foundation: ~620 MiB/s against ~60, and it reports where invalid input is
/// (shared/notes/toolchain.md). Decoding happens before CSV parsing so that every field is UTF-8
/// when validated.
///
/// Invalid input does not stop the file (details.md #19: such a row is `bad_encoding`): the
/// offending byte is skipped and written to the output as 0xFF followed by that byte. 0xFF never
/// occurs in UTF-8, so the record holding it fails UTF-8 validation, and `CSVRecord.rawText`
/// shows the original byte as `\xNN`. Skipped bytes are always ≥ 0x80 (ASCII is valid GB18030),
/// so the marker can never fake a comma, quote or line break.
final class GB18030Decoder {
    private let converter: iconv_t
    /// Input bytes left over from the previous chunk: the start of a multi-byte sequence that
    /// iconv reported incomplete (EINVAL). At most 3 bytes (GB18030 sequences are ≤ 4 long).
    private let carry: UnsafeMutablePointer<UInt8>
    private var carryCount = 0
    private var staging: UnsafeMutablePointer<UInt8>
    private var stagingCapacity = 0
    private var output: UnsafeMutablePointer<UInt8>
    private var outputCapacity = 0

    /// Throws `ExtractError(.cannotRead)` when this system's iconv lacks GB18030.
    init(file: String) throws {
        let cd = iconv_open("UTF-8", "GB18030")
        guard let cd, cd != iconv_t(bitPattern: -1) else {
            throw ExtractError(.cannotRead, file: file,
                               message: "cannot decode GB18030 on this system (iconv_open failed: errno \(errno))")
        }
        converter = cd
        carry = .allocate(capacity: 4)
        staging = .allocate(capacity: 1)
        output = .allocate(capacity: 1)
    }

    deinit {
        iconv_close(converter)
        carry.deallocate()
        staging.deallocate()
        output.deallocate()
    }

    /// Converts one chunk; the result is valid until the next call. With `final`, an incomplete
    /// sequence at the end is invalid and written out as marked bytes instead of being carried.
    func decode(_ input: UnsafeBufferPointer<UInt8>, final: Bool) -> UnsafeBufferPointer<UInt8> {
        // Prepend the carried bytes so iconv sees the split sequence whole (copying only then).
        let total = carryCount + input.count
        var source = UnsafeMutablePointer(mutating: input.baseAddress)
        if carryCount > 0 {
            if total > stagingCapacity {
                staging.deallocate()
                stagingCapacity = max(total, 64 * 1024)
                staging = .allocate(capacity: stagingCapacity)
            }
            staging.update(from: carry, count: carryCount)
            if let base = input.baseAddress, input.count > 0 {
                (staging + carryCount).update(from: base, count: input.count)
            }
            carryCount = 0
            source = staging
        }

        // Worst case: every input byte invalid → 2 output bytes each.
        ensureOutput(2 * total + 16, keeping: 0)
        var produced = 0
        // iconv's input parameter is not const, but it only reads through it.
        var inPointer = UnsafeMutableRawPointer(source)?.assumingMemoryBound(to: CChar.self)
        var inLeft = total
        while inLeft > 0 {
            var outPointer: UnsafeMutablePointer<CChar>? =
                UnsafeMutableRawPointer(output + produced).assumingMemoryBound(to: CChar.self)
            var outLeft = outputCapacity - produced
            let before = outLeft
            let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
            produced += before - outLeft
            if result != -1 { break }
            let error = errno
            let at = UnsafeMutableRawPointer(inPointer!).assumingMemoryBound(to: UInt8.self)
            if error == E2BIG {
                ensureOutput(produced + 2 * inLeft + 16, keeping: produced)
            } else if error == EINVAL && !final && inLeft <= 3 {
                carry.update(from: at, count: inLeft)
                carryCount = inLeft
                inLeft = 0
            } else {
                // EILSEQ (or an incomplete sequence at the end of the file): mark and skip one
                // byte, then let iconv resynchronise on the next.
                ensureOutput(produced + 2 * inLeft + 16, keeping: produced)
                output[produced] = 0xFF
                output[produced + 1] = at[0]
                produced += 2
                inPointer = UnsafeMutableRawPointer(at + 1).assumingMemoryBound(to: CChar.self)
                inLeft -= 1
            }
        }
        return UnsafeBufferPointer(start: output, count: produced)
    }

    private func ensureOutput(_ needed: Int, keeping produced: Int) {
        if needed <= outputCapacity { return }
        let newCapacity = max(needed, 2 * outputCapacity, 128 * 1024)
        let newOutput = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newOutput.update(from: output, count: produced)
        output.deallocate()
        output = newOutput
        outputCapacity = newCapacity
    }
}
