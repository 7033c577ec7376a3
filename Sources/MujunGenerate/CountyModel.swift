import Foundation
import MujunCore

/// The synthetic county as a function: `enterprise(at:)` makes enterprise `index` — registry
/// attributes, parcels, accounts and economics — from the seed alone, the same every time.
///
/// Nothing is remembered between enterprises, which is what lets `CountyGenerator` stream a
/// province-sized county in flat memory. Uniqueness of credit codes, names, parcel ids and
/// account numbers comes from seeded bijections of the index (`Permutation`), not from sets.
public struct CountyModel: Sendable {
    public let options: CountyOptions
    /// 31 December of the last year: the date of the snapshots and of the planted situations.
    public let end: CalendarDay
    /// 1 January of the first year.
    public let start: CalendarDay
    let schedule: ArchetypeSchedule
    let codes: CreditCodes
    let parcelPlanner: ParcelPlanner
    let tradeNames: Permutation
    let powerAccountNumbers: Permutation
    let waterAccountNumbers: Permutation

    public init(options: CountyOptions) {
        self.options = options
        let seed = options.seed
        end = options.asOf
        start = CalendarDay(year: options.firstYear, month: 1, day: 1)!
        schedule = ArchetypeSchedule(seed: seed)
        codes = CreditCodes(seed: seed)
        parcelPlanner = ParcelPlanner(end: end, seed: seed)
        tradeNames = Permutation(modulus: UInt64(max(options.enterprises, ChineseNames.twoCharacterNames)),
                                 seed: seed &+ 19)
        powerAccountNumbers = Permutation(modulus: 10_000_000_000, seed: seed &+ 23)
        waterAccountNumbers = Permutation(modulus: 100_000_000, seed: seed &+ 29)
    }

    /// Enterprise `index` (0 ≤ index < `options.enterprises`): its archetype and link style from
    /// the schedule, then its industry, township and life dates, its names and code, its
    /// parcels, its economics and its accounts, each from its own seeded stream.
    public func enterprise(at index: Int) -> Enterprise {
        let slot = schedule.slot(of: index)
        let archetype = slot.archetype
        var random = SeededRandom(seed: options.seed, stream: .enterprise, index: index)
        let e = end, w = start
        func day(_ low: CalendarDay, _ high: CalendarDay) -> CalendarDay { CalendarDay.random(low, high, &random) }
        let longAgo = CalendarDay(year: 1993, month: 1, day: 1)!

        let industry: IndustryClass
        if archetype == .warehouse {
            industry = IndustryClass.warehousing
        } else if archetype.isManufacturer {
            industry = IndustryClass.manufacturing[random.weightedIndex(IndustryClass.manufacturingWeights)]
        } else {
            industry = IndustryClass.services[random.weightedIndex(IndustryClass.serviceWeights)]
        }
        let township = Township.all[random.weightedIndex(Township.weights)]
        // Large firms: more and larger parcels, higher tax per mu; most end up above
        // designated size (about a quarter of the county, as in Jiangsu's counties).
        let big: Bool
        switch archetype {
        case .smallWorkshop: big = false
        case .lowTax, .service, .serviceTenant, .closedService: big = random.chance(0.15)
        default: big = random.chance(0.35)
        }

        // Life: established, stopped producing, ceased to exist.
        var status = RegistryStatus.active
        var established: CalendarDay
        var ceased: CalendarDay?
        var stopped: CalendarDay?
        switch archetype {
        case .productive, .stalledExpansion, .suspendedExpansion, .idleExpansion, .lowTax,
             .smallWorkshop, .warehouse:
            established = day(longAgo, e.adding(years: -8))
        case .stopped:
            established = day(longAgo, e.adding(years: -8))
            stopped = day(w.adding(months: -36), w.adding(months: -1))
        case .suspended:
            established = day(longAgo, e.adding(years: -8))
            status = .suspended
            stopped = day(w.adding(months: -30), w.adding(months: -1))
        case .seized:
            established = day(longAgo, e.adding(years: -8))
            if random.chance(0.5) {
                status = .suspended
                stopped = day(w.adding(months: -24), w.adding(months: -1))
            } else {
                let lastYear = CalendarDay(year: options.lastYear, month: 1, day: 1)!
                stopped = day(lastYear, lastYear.adding(months: 5).endOfMonth)
            }
        case .zombie:
            established = day(longAgo, e.adding(years: -8))
            status = random.chance(0.5) ? .revoked : .deregistered
            ceased = day(w.adding(months: 1), e.adding(months: -2))
            stopped = ceased!.adding(months: -random.int(in: 0...6))
        case .newProduction:
            established = day(e.adding(years: -12), e.adding(months: -32))
        case .underConstruction:
            established = day(e.adding(years: -10), e.adding(months: -31))
        case .notYetDue:
            established = day(e.adding(years: -6), e.adding(months: -9))
        case .overdueStart:
            established = day(e.adding(years: -6), e.adding(months: -20))
        case .idleEnterprise, .idleGovernment:
            established = day(e.adding(years: -10), e.adding(years: -5))
        case .closedManufacturer:
            established = day(longAgo, w.adding(years: -8))
            status = .deregistered
            ceased = day(w.adding(years: -6), w.adding(months: -2))
        case .service, .serviceTenant:
            established = day(CalendarDay(year: 1995, month: 1, day: 1)!, e.adding(months: -2))
        case .closedService:
            established = day(CalendarDay(year: 1998, month: 1, day: 1)!, w.adding(years: -2))
            status = random.chance(0.6) ? .deregistered : .movedOut
            ceased = day(w.adding(months: 1), e.adding(months: -2))
        }
        let statusText = status.spelling(&random)

        // Names and codes.
        var names = SeededRandom(seed: options.seed, stream: .names, index: index)
        let uscc = codes.code(index: index, established: established, random: &names)
        let trade = ChineseNames.tradeName(tradeNames.apply(index))
        let word = names.pick(industry.nameWords)
        let form = ChineseNames.organisationForms[names.weightedIndex(ChineseNames.organisationFormWeights)]
        let shape = names.weightedIndex([70, 18, 12])
        let name: String
        switch shape {
        case 0: name = Township.cityPrefix + trade + word + form
        case 1: name = trade + "（" + Township.cityPrefix + "）" + word + form
        default: name = "江苏" + trade + word + form
        }
        let legalRep = ChineseNames.personName(&names)
        let road = names.pick(township.roads)
        let address = Township.districtName + township.name + road + String(names.int(in: 1...999)) + "号"

        // Land.
        var landRandom = SeededRandom(seed: options.seed, stream: .parcels, index: index)
        let parcels = parcelPlanner.parcels(index: index, archetype: archetype, big: big, established: established,
                                            township: township, random: &landRandom)
        let producingMu = parcels.filter { $0.productionStartOn != nil }.reduce(0) { $0 + $1.mu }

        // Economics.
        let taxShare = industry.taxShare * random.uniform(0.75, 1.3)
        let kWhPerYuan = industry.kWhPerYuan * random.uniform(0.6, 1.5)
        let growth = min(max(0.04 + 0.08 * random.normal(), -0.25), 0.35)
        let getsRefunds = random.chance(0.12)
        var taxPerMu: Double = 0
        var baseTax: Double = 0
        switch archetype {
        case .lowTax:
            taxPerMu = random.uniform(1_500, 8_500)
        case .service, .serviceTenant, .closedService:
            baseTax = big ? random.logNormal(median: 2_500_000, sigma: 0.8) : random.logNormal(median: 120_000, sigma: 1.0)
        case .underConstruction, .notYetDue, .overdueStart, .idleEnterprise, .idleGovernment, .newProduction:
            baseTax = random.logNormal(median: 60_000, sigma: 0.6)
            taxPerMu = big ? random.logNormal(median: 140_000, sigma: 0.6) : random.logNormal(median: 45_000, sigma: 0.5)
        default:
            taxPerMu = big ? min(max(random.logNormal(median: 150_000, sigma: 0.7), 25_000), 3_000_000)
                : min(max(random.logNormal(median: 32_000, sigma: 0.6), 18_000), 400_000)
        }
        // Above designated size (规上) is about sales of 20 million yuan a year; a few firms'
        // status lags their sales, as the statistics bureau's list does.
        let expectedSales = (taxPerMu * producingMu + baseTax) / taxShare
        var aboveScale = expectedSales >= 20_000_000
        if random.chance(0.03) { aboveScale.toggle() }
        let employees: Int? = random.chance(0.05) ? nil
            : max(3, Int(expectedSales / random.uniform(400_000, 1_200_000)) + random.int(in: 0...8))

        // Accounts.
        var accountRandom = SeededRandom(seed: options.seed, stream: .accounts, index: index)
        let powerAccounts = archetype.hasPowerAccount
            ? makePowerAccounts(index: index, archetype: archetype, style: slot.linkStyle, name: name,
                                trade: trade, word: word, legalRep: legalRep, uscc: uscc,
                                established: established, parcels: parcels, random: &accountRandom)
            : []
        let hasWater = ceased == nil && (archetype.holdsLand ? parcels.contains { $0.actualStartOn != nil }
                                                           : archetype == .service && accountRandom.chance(0.5))
        let waterAccount = hasWater ? ParcelPlanner.pad(waterAccountNumbers.apply(index), 8) : nil

        return Enterprise(
            index: index, archetype: archetype, linkStyle: slot.linkStyle, uscc: uscc, name: name,
            legalRep: legalRep, status: status, statusText: statusText, establishedOn: established,
            ceasedOn: ceased, stoppedOn: stopped, industry: industry, township: township,
            aboveScale: aboveScale, employees: employees, address: address, parcels: parcels,
            powerAccounts: powerAccounts, waterAccount: waterAccount, taxPerMu: taxPerMu, baseTax: baseTax,
            growth: growth, taxShare: taxShare, kWhPerYuan: kWhPerYuan, getsRefunds: getsRefunds)
    }

    /// The firm's power accounts: one, or two for some producers (the second always carries
    /// the credit code), named according to the planted link style.
    private func makePowerAccounts(index: Int, archetype: EnterpriseArchetype, style: PowerLinkStyle,
                                   name: String, trade: String, word: String, legalRep: String, uscc: String,
                                   established: CalendarDay, parcels: [Parcel],
                                   random: inout SeededRandom) -> [PowerAccount] {
        let usage: PowerAccount.Usage
        var opens = established
        switch archetype {
        case .service, .closedService:
            usage = .office
        case .underConstruction:
            usage = .construction
            opens = parcels.compactMap(\.actualStartOn).min() ?? established
        default:
            usage = .production
            opens = max(established, parcels.compactMap(\.actualStartOn).min() ?? established)
        }
        let accountName: String
        var accountUSCC: String?
        switch style {
        case .uscc:
            accountName = random.chance(0.1) ? Self.halfWidthBrackets(name) : name
            accountUSCC = uscc
        case .nameExact:
            accountName = name
        case .nameVariant:
            accountName = name.contains("（") ? Self.halfWidthBrackets(name) : Self.spaced(name)
        case .manual, .unmatched:
            accountName = random.chance(0.5) ? legalRep
                : Township.districtName + trade + word + (random.chance(0.5) ? "厂" : "加工厂")
        }
        let twoAccounts = usage == .production && parcels.count >= 2 && random.chance(0.25)
        var accounts = [PowerAccount(
            accountNo: accountNumber(index: index, k: 0), accountName: accountName, uscc: accountUSCC,
            linkStyle: style, share: twoAccounts ? 0.7 : 1, opensOn: opens, usage: usage)]
        if twoAccounts {
            let second = max(opens, parcels.compactMap(\.actualStartOn).max() ?? opens)
            accounts.append(PowerAccount(
                accountNo: accountNumber(index: index, k: 1), accountName: name, uscc: uscc,
                linkStyle: .uscc, share: 0.3, opensOn: second, usage: usage))
        }
        return accounts
    }

    /// Ten digits; about one in ten starts with a zero, which the loader must keep.
    func accountNumber(index: Int, k: Int) -> String {
        ParcelPlanner.pad(powerAccountNumbers.apply(index * 4 + k), 10)
    }

    /// `（南京）` → `(南京)`: how the power company's system types brackets.
    static func halfWidthBrackets(_ name: String) -> String {
        name.replacingOccurrences(of: "（", with: "(").replacingOccurrences(of: "）", with: ")")
    }

    /// A space after the place name, as clerks type it: `南京 华瑞机械有限公司`.
    static func spaced(_ name: String) -> String {
        for prefix in [Township.cityPrefix, "江苏"] where name.hasPrefix(prefix) {
            return prefix + " " + name.dropFirst(prefix.count)
        }
        return name + " "
    }
}
