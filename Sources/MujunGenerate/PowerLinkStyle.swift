/// How a firm's (first) power account can be tied to it, the four ways of spec extracts.md
/// `power` and details.md #23–25 that `core.power_account_links` tells apart.
public enum PowerLinkStyle: String, Sendable, CaseIterable, Codable {
    /// The power rows carry the firm's credit code: linked `uscc`.
    case uscc
    /// No credit code; the account name is the registry name exactly: linked `name`.
    case nameExact = "name_exact"
    /// No credit code; the name differs only in what normalisation folds (half-width brackets
    /// for full-width ones, stray spaces): linked `name`.
    case nameVariant = "name_variant"
    /// No credit code and a name that matches nothing (a person, an old factory name); the
    /// accounts extract maps it by hand: linked `manual`.
    case manual
    /// The same, with no mapping: `unmatched`, left for an operator.
    case unmatched

    /// How many of every 100 enterprises link their account this way, for the styles other
    /// than `uscc`; every other enterprise with an account links by credit code (about 75 %).
    static let shares: [(PowerLinkStyle, Int)] = [
        (.nameExact, 7), (.nameVariant, 6), (.manual, 4), (.unmatched, 5),
    ]

    /// The `link_method` that `core.power_account_links` shows for this style.
    public var linkMethod: String {
        switch self {
        case .uscc: return "uscc"
        case .nameExact, .nameVariant: return "name"
        case .manual: return "manual"
        case .unmatched: return "unmatched"
        }
    }
}
