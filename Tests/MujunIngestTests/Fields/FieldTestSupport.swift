import MujunIngest
import Testing

/// What `FieldParser.parse` did with one field: the exact bytes written, or the reason.
enum Outcome: Equatable, Sendable, CustomStringConvertible {
    case ok(String)
    case reject(RejectReason)

    var description: String {
        switch self {
        case .ok(let text): return "ok(\(text.debugDescription))"
        case .reject(let reason): return "reject(\(reason.rawValue))"
        }
    }
}

/// Runs the parser the way the row builder does, and checks the parts of the contract every
/// type shares: the value is appended after what the buffer already held, and no byte outside
/// the field is read (the field sits between digits in memory, so an over-read changes the
/// outcome of dates, numbers and codes).
func parse(_ type: FieldType, _ text: String, quoted: Bool = false) -> Outcome {
    let prefix: [UInt8] = Array("row\t".utf8)
    let out = ByteBuffer(capacity: 16)
    prefix.withUnsafeBufferPointer { out.append($0) }
    let padded: [UInt8] = Array("77".utf8) + Array(text.utf8) + Array("77".utf8)
    let fieldCount = text.utf8.count
    do {
        try padded.withUnsafeBufferPointer { all throws(RejectReason) in
            let field = UnsafeBufferPointer(rebasing: all[2..<(2 + fieldCount)])
            try FieldParser.parse(type, field, quoted: quoted, into: out)
        }
    } catch {
        return .reject(error)
    }
    let written = Array(out.bytes)
    guard written.starts(with: prefix) else { return .ok("<prefix overwritten>") }
    return .ok(String(decoding: written.dropFirst(prefix.count), as: UTF8.self))
}

/// Groups the field parser suites, so that `swift test --filter Fields` selects them all.
@Suite("Field parsers")
enum Fields {}
