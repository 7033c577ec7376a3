/// Why a data row of an extract was not loaded (spec extracts.md "Row accounting").
///
/// The raw values are the reason codes stored in `runs.rejects.reason` and printed in load
/// reports; they are part of the contract with operators and must not change.
public enum RejectReason: String, Sendable, CaseIterable, Error, Codable {
    case badUSCC = "bad_uscc"
    case badDate = "bad_date"
    case badNumber = "bad_number"
    case missingRequired = "missing_required"
    case negativeValue = "negative_value"
    case duplicateKey = "duplicate_key"
    case wrongFieldCount = "wrong_field_count"
    case badQuoting = "bad_quoting"
    case badEncoding = "bad_encoding"
    case outOfRange = "out_of_range"
}
