import MujunCore

/// A power account (用电户号) of an enterprise, as the power company knows it.
public struct PowerAccount: Sendable {
    /// Ten digits, sometimes with leading zeros.
    public let accountNo: String
    /// What the power company calls the account holder (户名).
    public let accountName: String
    /// The credit code on the power rows, when the power company has it.
    public let uscc: String?
    /// How `core.power_account_links` should link it.
    public let linkStyle: PowerLinkStyle
    /// Share of the firm's electricity on this account.
    public let share: Double
    /// First month with a row.
    public let opensOn: CalendarDay
    /// Kind of consumption.
    public let usage: Usage

    public enum Usage: Sendable {
        /// Production: kWh follow sales.
        case production
        /// A building site: small, steady kWh.
        case construction
        /// An office or shop.
        case office
    }
}
