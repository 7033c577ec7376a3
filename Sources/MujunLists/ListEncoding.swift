import Foundation
import Glibc

/// The character encoding of the CSV files of a list (spec lists.md "Files and formats").
///
/// UTF-8 with a byte-order mark by default: Excel and WPS then open the file with correct
/// Chinese. GB18030 for recipients whose systems need the national encoding (no BOM: none of
/// those systems expects one). `manifest.json` is always UTF-8.
public enum ListEncoding: String, Sendable, CaseIterable, Codable {
    case utf8BOM = "utf8-bom"
    case gb18030

    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The bytes of `text` in this encoding.
    func encode(_ text: String, file: String) throws -> Data {
        switch self {
        case .utf8BOM:
            var data = Data(ListEncoding.byteOrderMark)
            data.append(contentsOf: text.utf8)
            return data
        case .gb18030:
            return try ListEncoding.gb18030(text, file: file)
        }
    }

    /// UTF-8 → GB18030 with glibc's iconv (Foundation's converter is an order of magnitude
    /// slower, shared/notes/toolchain.md). GB18030 encodes all of Unicode, so a failure means a
    /// broken system iconv, and is reported rather than papered over.
    static func gb18030(_ text: String, file: String) throws -> Data {
        let cd = iconv_open("GB18030", "UTF-8")
        guard let cd, cd != iconv_t(bitPattern: -1) else {
            throw ListError(.cannotEncode, path: file, message: "cannot encode GB18030 on this system (iconv_open failed)")
        }
        defer { iconv_close(cd) }
        var input = Array(text.utf8)
        // GB18030 needs at most twice the UTF-8 length (a 2-byte UTF-8 letter may take 4 bytes).
        var output = [UInt8](repeating: 0, count: 2 * input.count + 16)
        let written: Int = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress.map {
                    UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self)
                }
                var inLeft = inBuffer.count
                var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress.map {
                    UnsafeMutableRawPointer($0).assumingMemoryBound(to: CChar.self)
                }
                var outLeft = outBuffer.count
                if inLeft > 0 && iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft) == -1 { return -1 }
                return inLeft == 0 ? outBuffer.count - outLeft : -1
            }
        }
        guard written >= 0 else {
            throw ListError(.cannotEncode, path: file, message: "text not representable in GB18030 (errno \(errno))")
        }
        return Data(output[0..<written])
    }
}
