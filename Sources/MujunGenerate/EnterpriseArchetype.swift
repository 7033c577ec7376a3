/// What kind of firm an enterprise is, which decides its land, its taxes and its power: the
/// situations the pipeline has to recognise (spec land.md, evaluation.md), planted in fixed
/// proportions.
///
/// Every block of 100 consecutive enterprise indexes holds each archetype exactly `share`
/// times (`ArchetypeSchedule`), so even a county of 100 firms shows every situation; which
/// index gets which archetype depends on the seed.
public enum EnterpriseArchetype: String, Sendable, CaseIterable, Codable {
    /// Manufacturer in production on all its parcels (the bulk of the county).
    case productive
    /// In production, plus an expansion parcel started but not in production past its agreed
    /// completion (INEFF-2 未按约定建设).
    case stalledExpansion = "stalled_expansion"
    /// In production, plus an expansion parcel whose construction stopped over a year ago with
    /// little built or invested (IDLE-2 中止开发).
    case suspendedExpansion = "suspended_expansion"
    /// In production, plus an expansion parcel never started a year after the agreed start
    /// (IDLE-1, the firm's fault).
    case idleExpansion = "idle_expansion"
    /// In production but paying little tax per mu (INEFF-3 亩均税收低; grade D material).
    case lowTax = "low_tax"
    /// Registered as active, production stopped years ago: zero kWh every month (INEFF-1 b).
    case stopped
    /// A parcel under judicial seizure (司法查封), production stopped for over six months or the
    /// firm suspended (INEFF-4).
    case seized
    /// Registry status 停业 (suspended); files zero tax returns, uses no power.
    case suspended
    /// Revoked (吊销) or deregistered (注销) and still holding its land (INEFF-5 僵尸企业).
    case zombie
    /// Production started within the last two years (grade T `new_production`).
    case newProduction = "new_production"
    /// Building now, agreed completion still ahead (grade T `construction_period`).
    case underConstruction = "under_construction"
    /// Land just supplied; the agreed start is still ahead.
    case notYetDue = "not_yet_due"
    /// Past the agreed start by less than a year and not started (违约, not yet idle).
    case overdueStart = "overdue_start"
    /// Not started a year or more after the agreed start, the firm's fault (IDLE-1).
    case idleEnterprise = "idle_enterprise"
    /// Not started a year or more after the agreed start because of the government (planning
    /// change, relocation not done): IDLE-1 with `idle_cause` 政府, negotiated, never vetoed.
    case idleGovernment = "idle_government"
    /// A below-scale workshop on a small parcel (under 3 mu: grade N `below_min_land`).
    case smallWorkshop = "small_workshop"
    /// Manufacturer deregistered before the first year: in the registry only.
    case closedManufacturer = "closed_manufacturer"
    /// Warehousing firm (G5920) holding 仓储 land, which is not industrial land by default.
    case warehouse
    /// Trade, software, construction… without land, with its own power account.
    case service
    /// The same, renting space: no power account of its own.
    case serviceTenant = "service_tenant"
    /// A non-manufacturer that was deregistered or moved out during the years.
    case closedService = "closed_service"

    /// How many of every 100 enterprises are of this archetype (they add up to 100:
    /// 75 manufacturers, 25 others).
    public var share: Int {
        switch self {
        case .productive: return 41
        case .stalledExpansion: return 3
        case .suspendedExpansion: return 2
        case .idleExpansion: return 1
        case .lowTax: return 6
        case .stopped: return 2
        case .seized: return 2
        case .suspended: return 2
        case .zombie: return 2
        case .newProduction: return 3
        case .underConstruction: return 3
        case .notYetDue: return 1
        case .overdueStart: return 1
        case .idleEnterprise: return 2
        case .idleGovernment: return 1
        case .smallWorkshop: return 2
        case .closedManufacturer: return 1
        case .warehouse: return 4
        case .service: return 12
        case .serviceTenant: return 6
        case .closedService: return 3
        }
    }

    /// Section C.
    public var isManufacturer: Bool {
        switch self {
        case .warehouse, .service, .serviceTenant, .closedService: return false
        default: return true
        }
    }

    /// Whether the firm has a power account with rows in the years (`PowerLinkStyle` is drawn
    /// only for these).
    public var hasPowerAccount: Bool {
        switch self {
        case .serviceTenant, .closedManufacturer, .notYetDue, .overdueStart, .idleEnterprise,
             .idleGovernment:
            return false
        default: return true
        }
    }

    /// Holds land of its own.
    public var holdsLand: Bool {
        switch self {
        case .service, .serviceTenant, .closedService, .closedManufacturer: return false
        default: return true
        }
    }
}
