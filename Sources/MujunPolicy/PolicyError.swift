/// A policy profile that cannot be used, naming the file and the key (spec evaluation.md §8:
/// unknown keys and out-of-range values are refused with the key's name).
public struct PolicyError: Error, Sendable, CustomStringConvertible {
    public let file: String
    /// Dotted path of the key, e.g. `grading.class_cuts.B`.
    public let key: String
    public let message: String

    public init(file: String, key: String, message: String) {
        self.file = file
        self.key = key
        self.message = message
    }

    public var description: String {
        key.isEmpty ? "\(file): \(message)" : "\(file): \(key): \(message)"
    }
}
