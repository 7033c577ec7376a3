import MujunCore

/// How one generated extract is spelled: the variations real departments' exports show and
/// the loader must take in its stride (spec extracts.md "Rules common to every kind").
public struct ExtractFormat: Sendable, Codable, Equatable {
    public enum Encoding: String, Sendable, Codable {
        case utf8
        case gb18030
    }

    public enum LineEnding: String, Sendable, Codable {
        case lf
        case crlf

        var bytes: [UInt8] { self == .lf ? [0x0A] : [0x0D, 0x0A] }
    }

    public enum HeaderLanguage: String, Sendable, Codable {
        /// The canonical English column names.
        case english
        /// Chinese aliases, as the departments' systems export them.
        case chinese
    }

    public var encoding: Encoding
    /// A UTF-8 byte-order mark first (Excel's "CSV UTF-8").
    public var byteOrderMark: Bool
    public var lineEnding: LineEnding
    public var header: HeaderLanguage

    public init(encoding: Encoding, byteOrderMark: Bool = false, lineEnding: LineEnding, header: HeaderLanguage) {
        self.encoding = encoding
        self.byteOrderMark = byteOrderMark
        self.lineEnding = lineEnding
        self.header = header
    }

    enum CodingKeys: String, CodingKey {
        case encoding
        case byteOrderMark = "bom"
        case lineEnding = "line_ending"
        case header
    }

    /// The formats of the county's files: market regulation's registry is an Excel export
    /// (UTF-8 with BOM, CRLF, Chinese headers); natural resources and the accounts list are
    /// plain UTF-8 with Chinese headers; tax alternates by year between the canonical English
    /// layout and the bureau's Chinese one (CRLF, thousands separators); the power company
    /// writes GB18030 with CRLF, and so does the statistics office's 规上直报 export.
    static func of(_ kind: ExtractKind, year: Int, lastYear: Int) -> ExtractFormat {
        switch kind {
        case .registry: return ExtractFormat(encoding: .utf8, byteOrderMark: true, lineEnding: .crlf, header: .chinese)
        case .parcels: return ExtractFormat(encoding: .utf8, lineEnding: .lf, header: .chinese)
        case .accounts: return ExtractFormat(encoding: .utf8, lineEnding: .lf, header: .chinese)
        case .tax:
            return (lastYear - year) % 2 == 0
                ? ExtractFormat(encoding: .utf8, lineEnding: .lf, header: .english)
                : ExtractFormat(encoding: .utf8, lineEnding: .crlf, header: .chinese)
        case .power: return ExtractFormat(encoding: .gb18030, lineEnding: .crlf, header: .chinese)
        case .statistics: return ExtractFormat(encoding: .gb18030, lineEnding: .crlf, header: .chinese)
        }
    }
}
