import Foundation

/// The project's two JSON spellings, so that the same value always gives the same bytes.
extension JSONEncoder {
    /// Compact, keys sorted: JSON kept in PostgreSQL (`jsonb` columns) and compared as text.
    public static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    /// Keys sorted, two-space indentation, `/` unescaped: what people read (`--json`) and the
    /// files whose bytes are hashed (list manifests, the generated county's manifest).
    public static var sortedPretty: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return encoder
    }

    /// `value` as the bytes of a JSON file: this encoder's spelling and a final newline.
    public func encodeFile(_ value: some Encodable) throws -> Data {
        var data = try encode(value)
        data.append(0x0A)
        return data
    }
}
