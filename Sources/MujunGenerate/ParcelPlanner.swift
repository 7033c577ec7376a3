import Foundation
import MujunCore

/// Makes the parcels of one enterprise: how many, where, how large, and the dates and
/// progress of each, so that as of the county's as-of date each parcel is in the situation its
/// archetype calls for (spec land.md: idle, inefficient, productive…).
///
/// Every date respects the extract's cross-field rules (`agreed_start_on ≥ supplied_on`,
/// `production_start_on ≥ actual_start_on`, `developed_area_m2 ≤ area_m2`) and no actual
/// date lies after the as-of date.
struct ParcelPlanner {
    /// The as-of date (31 December of the last year).
    let end: CalendarDay
    let certificates: Permutation

    init(end: CalendarDay, seed: UInt64) {
        self.end = end
        certificates = Permutation(modulus: 10_000_000, seed: seed &+ 17)
    }

    static let earliestSupply = CalendarDay(year: 2002, month: 1, day: 1)!
    /// At most this many parcels per enterprise; `index × slotsPerEnterprise + k` numbers them,
    /// and the last slot is kept for the planted bad row.
    static let slotsPerEnterprise = 8

    /// The parcels of an enterprise of `archetype`, `big` or not, established on `established`,
    /// based in `township`.
    func parcels(index: Int, archetype: EnterpriseArchetype, big: Bool, established: CalendarDay,
                 township: Township, random: inout SeededRandom) -> [Parcel] {
        var plan: [ParcelSituation] = []
        var warehouseLand = false
        func productive(_ weights: [Double]) {
            plan += Array(repeating: .productive, count: 1 + random.weightedIndex(weights))
        }
        switch archetype {
        case .productive: productive(big ? [5, 30, 40, 25] : [48, 33, 14, 5])
        case .stalledExpansion: productive([60, 40]); plan.append(.stalled)
        case .suspendedExpansion: productive([60, 40]); plan.append(.idleSuspended)
        case .idleExpansion: productive([60, 40]); plan.append(.idleNotStarted)
        case .lowTax, .stopped, .seized, .suspended, .zombie: productive([45, 40, 15])
        case .newProduction: plan = [.newProduction]
        case .underConstruction: plan = [.underConstruction]
        case .notYetDue: plan = [.notYetDue]
        case .overdueStart: plan = [.overdueStart]
        case .idleEnterprise: plan = random.chance(0.25) ? [.idleNotStarted, .idleNotStarted] : [.idleNotStarted]
        case .idleGovernment: plan = [.idleGovernment]
        case .smallWorkshop: plan = [.productive]
        case .warehouse: productive([35, 45, 20]); warehouseLand = true
        case .service, .serviceTenant, .closedService, .closedManufacturer: return []
        }

        var parcels: [Parcel] = []
        var previousSupply: CalendarDay?
        for (k, situation) in plan.enumerated() {
            var landUse = warehouseLand ? "仓储" : random.chance(0.08) ? "工业用地" : "工业"
            // A storage parcel beside some factories.
            if !warehouseLand && k > 0 && situation == .productive && random.chance(0.06) { landUse = "仓储" }
            let mu: Double
            if archetype == .smallWorkshop {
                mu = random.uniform(1.5, 2.9)
            } else if landUse == "仓储" {
                mu = min(max(random.logNormal(median: 15, sigma: 0.5), 5), 120)
            } else if big {
                mu = min(max(random.logNormal(median: 32, sigma: 0.65), 8), 199)
            } else {
                mu = min(max(random.logNormal(median: 9, sigma: 0.45), 5), 40)
            }
            let place = random.chance(0.95) ? township : Township.all[random.weightedIndex(Township.weights)]
            let number = index * ParcelPlanner.slotsPerEnterprise + k
            let parcel = make(situation, number: number, mu: mu, landUse: landUse, township: place,
                              established: established, previousSupply: previousSupply,
                              seized: archetype == .seized && k == 0, random: &random)
            previousSupply = parcel.suppliedOn
            parcels.append(parcel)
        }
        return parcels
    }

    /// The 宗地代码 of parcel `number`: district, township, cadastral subzone, `GB` (state-owned
    /// construction land), sequence — 19 characters, unique because (subzone, sequence) is the
    /// parcel's own number.
    static func parcelID(number: Int, township: Township) -> String {
        let subzone = number / 100_000
        let sequence = number % 100_000
        return Township.districtCode + String(township.code.suffix(3))
            + pad(subzone, 3) + "GB" + pad(sequence, 5)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private func make(_ situation: ParcelSituation, number: Int, mu: Double, landUse: String,
                      township: Township, established: CalendarDay, previousSupply: CalendarDay?,
                      seized: Bool, random: inout SeededRandom) -> Parcel {
        let e = end
        // Rounded up to the cent, so that a parcel drawn at 5 mu is not 4.9999995 mu.
        let areaCents = Int64((mu * 10_000 / 15 * 100).rounded(.up))
        func share(_ low: Double, _ high: Double) -> Int64 {
            Int64((Double(areaCents) * random.uniform(low, high)).rounded(.down))
        }
        func day(_ low: CalendarDay, _ high: CalendarDay) -> CalendarDay { CalendarDay.random(low, high, &random) }
        func months(_ range: ClosedRange<Int>) -> Int { random.int(in: range) }

        let totalInvestment = Int64((mu * random.uniform(3_000_000, 6_000_000)).rounded()) * 100
        let landPrice = Int64((mu * random.uniform(150_000, 450_000)).rounded()) * 100
        var supplied: CalendarDay
        var agreedStart: CalendarDay
        var agreedCompletion: CalendarDay?
        var actualStart: CalendarDay?
        var production: CalendarDay?
        var developed: Int64? = 0
        var invested: Int64? = 0
        var floor: Int64? = 0
        var suspended: CalendarDay?
        var idleCause: String?
        var determination: (String, CalendarDay)?

        func determine(_ prefix: String, after: CalendarDay, chance: Double) {
            guard random.chance(chance), after <= e else { return }
            let on = day(after, e)
            determination = ("江宁\(prefix)〔\(on.year)〕\(1 + number % 397)号", on)
        }

        switch situation {
        case .productive:
            let low = max(established.adding(days: 60), ParcelPlanner.earliestSupply,
                          previousSupply.map { $0.adding(years: 1) } ?? ParcelPlanner.earliestSupply)
            supplied = day(min(low, e.adding(years: -6)), e.adding(years: -6))
            agreedStart = supplied.adding(months: months(3...9))
            agreedCompletion = agreedStart.adding(months: months(18...36))
            actualStart = max(supplied, agreedStart.adding(days: random.int(in: -30...150)))
            production = actualStart!.adding(months: months(10...30))
            developed = share(0.72, 1.0)
            invested = Int64(Double(totalInvestment) * random.uniform(0.85, 1.15) / 100) * 100
            floor = share(0.55, 1.9)
        case .newProduction:
            supplied = day(e.adding(months: -30), e.adding(months: -20))
            agreedStart = supplied.adding(months: months(3...5))
            agreedCompletion = agreedStart.adding(months: months(18...24))
            actualStart = agreedStart.adding(days: random.int(in: 0...30))
            production = day(max(actualStart!.adding(months: 8), e.adding(months: -20)), e.adding(months: -1))
            developed = share(0.5, 0.95)
            invested = Int64(Double(totalInvestment) * random.uniform(0.7, 1.05) / 100) * 100
            floor = share(0.5, 1.6)
        case .underConstruction:
            supplied = day(e.adding(months: -30), e.adding(months: -14))
            agreedStart = supplied.adding(months: months(3...6))
            actualStart = agreedStart.adding(days: random.int(in: 0...60))
            agreedCompletion = max(actualStart!.adding(months: months(24...36)), e.adding(months: 2))
            developed = share(0.15, 0.6)
            invested = Int64(Double(totalInvestment) * random.uniform(0.2, 0.6) / 100) * 100
            floor = share(0.1, 0.6)
        case .notYetDue:
            supplied = day(e.adding(months: -8), e.adding(months: -1))
            agreedStart = max(supplied.adding(months: months(6...12)), e.adding(months: 1))
            agreedCompletion = agreedStart.adding(months: 24)
        case .overdueStart:
            agreedStart = day(e.adding(months: -10), e.adding(months: -3))
            supplied = agreedStart.adding(months: -months(3...9))
            agreedCompletion = agreedStart.adding(months: 24)
            invested = Int64(Double(totalInvestment) * random.uniform(0, 0.03) / 100) * 100
        case .idleNotStarted, .idleGovernment:
            agreedStart = day(e.adding(years: -4), e.adding(months: -13))
            supplied = agreedStart.adding(months: -months(3...9))
            agreedCompletion = agreedStart.adding(months: 24)
            invested = Int64(Double(totalInvestment) * random.uniform(0, 0.05) / 100) * 100
            if situation == .idleNotStarted {
                idleCause = random.chance(0.6) ? "企业" : nil
                determine("闲认", after: agreedStart.adding(years: 1).adding(months: 1), chance: 0.5)
            } else {
                let roll = random.uniform()
                idleCause = roll < 0.7 ? "政府" : roll < 0.85 ? "政府原因" : "不可抗力"
                determine("闲认", after: agreedStart.adding(years: 1).adding(months: 1), chance: 0.6)
            }
        case .idleSuspended:
            supplied = day(e.adding(years: -8), e.adding(years: -4))
            agreedStart = supplied.adding(months: months(3...6))
            agreedCompletion = agreedStart.adding(months: months(18...30))
            actualStart = agreedStart.adding(days: random.int(in: 0...90))
            suspended = day(actualStart!.adding(months: 2), e.adding(months: -13))
            developed = share(0.05, 0.3)
            invested = Int64(Double(totalInvestment) * random.uniform(0.05, 0.22) / 100) * 100
            floor = share(0.02, 0.15)
            idleCause = "企业"
            determine("闲认", after: suspended!.adding(years: 1).adding(months: 1), chance: 0.5)
        case .stalled:
            supplied = day(e.adding(years: -7), e.adding(years: -3))
            agreedStart = supplied.adding(months: months(3...6))
            agreedCompletion = agreedStart.adding(months: months(18...24))
            actualStart = agreedStart.adding(days: random.int(in: 0...120))
            developed = share(0.4, 0.9)
            invested = Int64(Double(totalInvestment) * random.uniform(0.3, 0.8) / 100) * 100
            floor = share(0.2, 0.7)
            determine("低效认", after: agreedCompletion!.adding(months: 1), chance: 0.3)
        }

        // Gaps real extracts have: investment or progress not recorded.
        var total: Int64? = totalInvestment
        if situation == .productive || situation == .newProduction {
            if random.chance(0.06) { total = nil; invested = nil }
            if random.chance(0.04) { developed = nil }
            if random.chance(0.03) { floor = nil }
        }
        let recent = supplied > e.adding(months: -6)
        let certificate = recent && random.chance(0.4) ? nil
            : "苏（\(supplied.year)）南京市不动产权第\(ParcelPlanner.pad(certificates.apply(number), 7))号"
        return Parcel(
            parcelID: ParcelPlanner.parcelID(number: number, township: township),
            certNo: certificate, township: township, landUse: landUse, areaCents: areaCents,
            supplyMethod: random.chance(0.95) ? "出让" : "划拨",
            suppliedOn: supplied, agreedStartOn: agreedStart, agreedCompletionOn: agreedCompletion,
            actualStartOn: actualStart, productionStartOn: production, developedCents: developed,
            totalInvestmentCents: total, investedCents: invested, suspendedSince: suspended,
            landPriceCents: landPrice, floorAreaCents: floor, judicialSeizure: seized,
            idleCause: idleCause, determinationNo: determination?.0, determinedOn: determination?.1,
            situation: situation)
    }
}
