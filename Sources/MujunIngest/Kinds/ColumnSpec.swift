/// One column of an extract kind: its canonical name, the aliases departments use, its type,
/// and whether a row needs it (spec extracts.md "Kinds").
public struct ColumnSpec: Sendable, Equatable {
    /// Canonical (English) name: the staging/core column and the name reported in rejects.
    public let name: String
    /// Names that departments' exports use for the same column (mostly Chinese).
    public let aliases: [String]
    public let type: FieldType
    /// A required column must be present in the header, and a row whose value is NULL is
    /// rejected (`missing_required`).
    public let required: Bool

    public init(_ name: String, _ aliases: [String] = [], _ type: FieldType, required: Bool = false) {
        self.name = name
        self.aliases = aliases
        self.type = type
        self.required = required
    }
}
