import Foundation
import MujunCore
import MujunGenerate
import MujunIngest
import Testing

/// Properties of the county model that must hold at any size: valid and unique codes, unique
/// names and keys, parcel rows that pass the extract's cross-field rules, name variants that
/// normalise to the registry name.
@Suite("Generate: the county model")
struct CountyModelTests {
    @Test("20 000 enterprises: valid unique credit codes, unique names, parcel ids and account numbers")
    func uniqueness() {
        let model = CountyModel(options: CountyOptions(enterprises: 20_000, firstYear: 2023, lastYear: 2024, seed: 11))
        var codes = Set<String>(), names = Set<String>(), parcels = Set<String>(), accounts = Set<String>()
        var normalisedNames = Set<String>()
        var parcelCount = 0, accountCount = 0, invalid = 0
        for index in 0..<20_000 {
            let firm = model.enterprise(at: index)
            if !USCC.isValid(firm.uscc) { invalid += 1 }
            codes.insert(firm.uscc)
            names.insert(firm.name)
            normalisedNames.insert(NameNormalizer.normalize(firm.name))
            for parcel in firm.parcels { parcels.insert(parcel.parcelID); parcelCount += 1 }
            for account in firm.powerAccounts { accounts.insert(account.accountNo); accountCount += 1 }
        }
        #expect(invalid == 0)
        #expect(codes.count == 20_000)
        #expect(names.count == 20_000)
        #expect(normalisedNames.count == 20_000, "two names would make name links ambiguous")
        #expect(parcels.count == parcelCount)
        #expect(accounts.count == accountCount)
        // County sizes of spec scale.md: about 1.5 parcels per enterprise.
        #expect(Double(parcelCount) / 20_000 > 1.3 && Double(parcelCount) / 20_000 < 1.8)
    }

    @Test("parcels respect the cross-field rules and lie within 5–200 mu (small workshops aside)")
    func parcelRules() {
        let model = CountyModel(options: CountyOptions(enterprises: 2_000, firstYear: 2023, lastYear: 2024, seed: 3))
        let end = model.end
        for index in 0..<2_000 {
            let firm = model.enterprise(at: index)
            for p in firm.parcels {
                #expect(p.agreedStartOn >= p.suppliedOn, "\(p.parcelID)")
                if let a = p.actualStartOn, let b = p.productionStartOn { #expect(b >= a, "\(p.parcelID)") }
                if let d = p.developedCents { #expect(d <= p.areaCents, "\(p.parcelID)") }
                for day in [p.actualStartOn, p.productionStartOn, p.suspendedSince, p.determinedOn].compactMap({ $0 }) {
                    #expect(day <= end, "\(p.parcelID): an actual date after the as-of date")
                }
                if firm.archetype == .smallWorkshop {
                    #expect(p.mu < 3)
                } else {
                    #expect(p.areaCents * 15 >= 5 * 10_000 * 100 && p.areaCents * 15 <= 200 * 10_000 * 100, "\(p.parcelID): \(p.mu) mu")
                }
            }
        }
    }

    @Test("name-linked power accounts normalise to the registry name; others match no registry name")
    func accountNames() {
        let model = CountyModel(options: CountyOptions(enterprises: 1_000, firstYear: 2023, lastYear: 2024, seed: 21))
        var registryNames = Set<String>()
        var accounts: [(PowerAccount, String)] = []
        for index in 0..<1_000 {
            let firm = model.enterprise(at: index)
            registryNames.insert(NameNormalizer.normalize(firm.name))
            for account in firm.powerAccounts { accounts.append((account, firm.name)) }
        }
        var variants = 0
        for (account, name) in accounts {
            switch account.linkStyle {
            case .nameExact, .nameVariant:
                #expect(account.uscc == nil)
                #expect(NameNormalizer.normalize(account.accountName) == NameNormalizer.normalize(name))
                if account.accountName != name { variants += 1 }
            case .manual, .unmatched:
                #expect(account.uscc == nil)
                #expect(!registryNames.contains(NameNormalizer.normalize(account.accountName)), "\(account.accountName)")
            case .uscc:
                #expect(account.uscc != nil)
            }
        }
        #expect(variants > 0)
    }

    @Test("options: years and sizes are checked")
    func options() {
        #expect(CountyOptions.parseYears("2023-2024")! == (2023, 2024))
        #expect(CountyOptions.parseYears("2024")! == (2024, 2024))
        #expect(CountyOptions.parseYears("23-24") == nil)
        #expect(CountyOptions.parseYears("2023-") == nil)
        #expect(CountyOptions(enterprises: 0, firstYear: 2023, lastYear: 2024, seed: 1).problem != nil)
        #expect(CountyOptions(enterprises: 10, firstYear: 2024, lastYear: 2023, seed: 1).problem != nil)
        #expect(CountyOptions(enterprises: 10, firstYear: 2001, lastYear: 2024, seed: 1).problem != nil)
        #expect(CountyOptions(enterprises: 10, firstYear: 2023, lastYear: 2024, seed: 1).problem == nil)
    }
}
