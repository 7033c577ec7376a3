import MujunCore

/// One synthetic firm with everything the five extracts say about it: its registry row, its
/// parcels, its power and water accounts, and the economics its monthly tax and kWh come from.
///
/// An enterprise is a pure function of (seed, years, county size, index) — `CountyModel`
/// makes it — so the generator can stream a county of any size one firm at a time.
public struct Enterprise: Sendable {
    public let index: Int
    public let archetype: EnterpriseArchetype
    public let linkStyle: PowerLinkStyle
    public let uscc: String
    public let name: String
    public let legalRep: String
    public let status: RegistryStatus
    /// The registry's word for `status` (存续, 在业, 停业…).
    public let statusText: String
    public let establishedOn: CalendarDay
    /// Deregistered, revoked or moved out on this day: no tax or power after it.
    public let ceasedOn: CalendarDay?
    /// Production stopped on this day: no sales, no kWh from its month on.
    public let stoppedOn: CalendarDay?
    public let industry: IndustryClass
    public let township: Township
    public let aboveScale: Bool
    public let employees: Int?
    public let address: String
    public let parcels: [Parcel]
    public let powerAccounts: [PowerAccount]
    /// Water account number (accounts extract), if the firm has one.
    public let waterAccount: String?

    // Economics, per year of the first year's prices.
    /// Tax other than land-use and property tax per mu of producing land, yuan per year.
    let taxPerMu: Double
    /// That tax for firms whose tax does not come from land (services, firms building).
    let baseTax: Double
    /// Yearly growth of tax and sales.
    let growth: Double
    /// Tax as a share of sales (from the industry, with the firm's own margin).
    let taxShare: Double
    /// kWh per yuan of sales.
    let kWhPerYuan: Double
    /// Whether the firm gets a VAT credit refund (留抵退税) once a year.
    let getsRefunds: Bool

    /// Alive (registered and not ceased) at some point of the month starting `monthStart`.
    func alive(inMonth monthStart: CalendarDay) -> Bool {
        establishedOn <= monthStart.endOfMonth && (ceasedOn.map { monthStart <= $0 } ?? true)
    }

    /// Whether production has stopped by the start of the month.
    func stopped(inMonth monthStart: CalendarDay) -> Bool {
        stoppedOn.map { $0.monthIndex <= monthStart.monthIndex } ?? false
    }
}
