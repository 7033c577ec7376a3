/// An environment setting that cannot be used (e.g. `MUJUN_TODAY` that is not a date): a usage
/// error, named with the setting and what it expects.
public struct SettingError: Error, Sendable, CustomStringConvertible, ExitReasonProviding {
    /// The variable, e.g. `MUJUN_TODAY`.
    public let setting: String
    public let message: String

    public init(setting: String, message: String) {
        self.setting = setting
        self.message = message
    }

    public var exitReason: ExitReason { .usage }
    public var description: String { "\(setting): \(message)" }
}
