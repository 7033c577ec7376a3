import CLibPQ

/// A libpq connection string or URI as given with `--db`, checked before use.
///
/// Empty means "libpq's defaults": the `PG*` environment, `~/.pgpass` or `PGPASSFILE`. A string
/// that carries a password is refused (spec details.md #75): it would sit in the process list
/// and in shell history; use pgpass instead.
public struct ConnectionString: Sendable, Equatable {
    public let text: String

    public init(_ text: String = "") throws {
        self.text = text
        guard !text.isEmpty else { return }
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(text, &errorMessage) else {
            // libpq's parse error quotes the offending fragment; drop it so a malformed string
            // with a password in it is never echoed back.
            if let errorMessage { PQfreemem(errorMessage) }
            throw DatabaseError(.badConnectionString,
                                message: "the connection string is not valid libpq syntax (see libpq \"Connection Strings\")")
        }
        defer { PQconninfoFree(options) }
        var option = options
        while let keyword = option.pointee.keyword {
            if String(cString: keyword) == "password", let value = option.pointee.val, value.pointee != 0 {
                throw DatabaseError(.badConnectionString,
                                    message: "the connection string carries a password; put it in a pgpass file (PGPASSFILE) instead")
            }
            option += 1
        }
    }
}
