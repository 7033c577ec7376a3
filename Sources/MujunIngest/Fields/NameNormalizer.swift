import MujunCore

/// The matching form of an enterprise name, for linking power accounts to registry
/// enterprises by name (spec extracts.md `power`, details #24).
///
/// The power company and the market regulator type the same name differently: full-width or
/// half-width brackets, stray spaces, Latin letters in either case. Normalising: fold the
/// full-width ASCII variants U+FF01–U+FF5E to half-width (`（）` → `()`), remove every space
/// (ASCII space and U+3000; tab too, which can only be a stray), then fold case. Nothing else
/// is changed: `有限公司` and `有限责任公司` stay different names, as they are different firms.
///
/// Case folding is approximated by upper- then lower-casing (see `FieldTrimming.caseFolded`).
/// Whoever compares names must normalise both sides with this one function.
public enum NameNormalizer {
    /// The form in which enterprise names are compared.
    ///
    /// ```swift
    /// NameNormalizer.normalize("江阴 ABC 机械（无锡）有限公司")   // "江阴abc机械(无锡)有限公司"
    /// ```
    public static func normalize(_ name: String) -> String {
        var folded = String.UnicodeScalarView()
        for scalar in name.unicodeScalars where !FieldTrimming.isTrimmable(scalar) {
            folded.append(FieldTrimming.foldingWidth(scalar))
        }
        return FieldTrimming.caseFolded(String(folded))
    }
}
