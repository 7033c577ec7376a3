import MujunCore

/// The comparison form of a header cell, canonical column name or alias (spec details #1).
///
/// Two names denote the same column when their normalised forms are equal. Normalising:
/// drop a leading BOM (it sticks to the first header cell, shared/notes/toolchain.md; removing
/// it here as well costs nothing), trim ASCII space, tab and U+3000, fold the full-width ASCII
/// variants U+FF01–U+FF5E to half-width and U+3000 to a space, then fold case. So
/// `用电量（千瓦时）`, `用电量(千瓦时)` and `　USCC ` match `用电量(千瓦时)` and `uscc`.
///
/// Inner spaces are kept (details #1 folds them but does not remove them): `用电量 (千瓦时)`
/// is a different name from `用电量(千瓦时)`.
///
/// Case folding is approximated by upper- then lower-casing (see `FieldTrimming.caseFolded`):
/// the standard library offers no case-folding API and, for the Chinese and ASCII names of the
/// spec, every folding agrees. Not the per-row hot path: headers are read once per file.
public enum HeaderName {
    /// The form in which header names are compared.
    ///
    /// ```swift
    /// HeaderName.normalize("　用电量（千瓦时） ") == HeaderName.normalize("用电量(千瓦时)")   // true
    /// ```
    public static func normalize(_ name: String) -> String {
        var scalars = Substring(name).unicodeScalars
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        while let first = scalars.first, FieldTrimming.isTrimmable(first) { scalars.removeFirst() }
        while let last = scalars.last, FieldTrimming.isTrimmable(last) { scalars.removeLast() }
        var folded = String.UnicodeScalarView()
        for scalar in scalars {
            folded.append(
                scalar == FieldTrimming.ideographicSpace ? " " : FieldTrimming.foldingWidth(scalar))
        }
        return FieldTrimming.caseFolded(String(folded))
    }
}
