import MujunCore

/// One parcel of supplied land (宗地), a row of the `parcels` extract (spec extracts.md).
///
/// Amounts are kept in cents (m² × 100, yuan × 100) so that the extract shows exactly two
/// decimals and `developed_area_m2 ≤ area_m2` holds to the cent.
public struct Parcel: Sendable {
    public let parcelID: String
    public let certNo: String?
    public let township: Township
    /// `工业` (sometimes spelled `工业用地`) or `仓储`.
    public let landUse: String
    public let areaCents: Int64
    public let supplyMethod: String?
    public let suppliedOn: CalendarDay
    public let agreedStartOn: CalendarDay
    public let agreedCompletionOn: CalendarDay?
    public let actualStartOn: CalendarDay?
    public let productionStartOn: CalendarDay?
    public let developedCents: Int64?
    public let totalInvestmentCents: Int64?
    public let investedCents: Int64?
    public let suspendedSince: CalendarDay?
    public let landPriceCents: Int64?
    public let floorAreaCents: Int64?
    public let judicialSeizure: Bool
    /// `企业`, `政府`, `不可抗力`, or nil (empty: the enterprise's fault by default).
    public let idleCause: String?
    public let determinationNo: String?
    public let determinedOn: CalendarDay?
    public let situation: ParcelSituation

    /// Area in mu (1 mu = 2000/3 m²).
    public var mu: Double { Double(areaCents) / 100 * 15 / 10_000 }

    /// Industrial land (`工业`, `工业用地`) as the default policy counts it.
    public var isIndustrial: Bool { landUse.hasPrefix("工业") }

    /// In production on `day`.
    func producing(on day: CalendarDay) -> Bool {
        productionStartOn.map { $0 <= day } ?? false
    }
}
