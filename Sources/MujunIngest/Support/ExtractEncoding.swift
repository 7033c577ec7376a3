/// Character encoding of an extract file (spec extracts.md, details.md #19, #69).
public enum ExtractEncoding: String, Sendable, CaseIterable {
    /// Decide per file: UTF-8 unless the file is mostly invalid UTF-8, then GB18030.
    case auto
    case utf8
    /// GB18030 (a superset of GBK and GB2312), as Windows exports of departments often are.
    case gb18030
}
