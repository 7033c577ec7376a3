import Foundation
import MujunCore

/// Writes a synthetic county's extracts into a folder, ready for `mujun ingest --inbox` (each
/// file named by its kind and as-of date) or for loading one by one:
///
/// | file | as-of | holds |
/// |---|---|---|
/// | `registry_<Y2>-12-31.csv` | end of the last year | every enterprise, plus planted bad codes |
/// | `parcels_<Y2>-12-31.csv` | the same | every parcel, plus planted impossible dates |
/// | `accounts_<Y2>-12-31.csv` | the same | water accounts and manual power mappings |
/// | `tax_<Y>-12-31.csv` | end of year Y | the twelve months of Y, plus planted duplicates |
/// | `power_<Y>-12-31.csv` | end of year Y | the twelve months of Y (GB18030), plus planted duplicates |
/// | `statistics_<Y>-12-31.csv` | end of year Y | Y's statistics rows (GB18030), gaps and planted bad years |
/// | `manifest.json` | | files, row counts, planted bad rows, what the data holds |
///
/// One pass over the enterprises writes every file at once (each firm is made once, by
/// `CountyModel`, and forgotten), so memory stays flat and a province-sized county takes
/// seconds per hundred thousand firms. The same options always give byte-identical files.
public struct CountyGenerator {
    public let options: CountyOptions
    public let model: CountyModel

    public init(options: CountyOptions) {
        self.options = options
        model = CountyModel(options: options)
    }

    /// Writes the county into `directory` (created if missing; files of the same names are
    /// replaced) and returns its manifest, also written there as `manifest.json`. `progress`
    /// is called now and then with (enterprises done, enterprises).
    public func write(to directory: URL, progress: ((Int, Int) -> Void)? = nil) throws -> CountyManifest {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: directory.path, NSUnderlyingErrorKey: error])
        }
        var registry = try RegistryExtract(directory: directory, options: options)
        var parcels = try ParcelsExtract(directory: directory, options: options)
        var accounts = try AccountsExtract(directory: directory, options: options)
        var taxes = try options.years.map { try TaxExtract(directory: directory, options: options, year: $0) }
        var powers = try options.years.map { try PowerExtract(directory: directory, options: options, year: $0) }
        var statistics = try options.years.map { try StatisticsExtract(directory: directory, options: options, year: $0) }
        let taxModel = TaxModel(firstYear: options.firstYear, seed: options.seed)
        let powerModel = PowerModel(firstYear: options.firstYear, seed: options.seed)
        var tally = Tally()

        let n = options.enterprises
        for index in 0..<n {
            let firm = model.enterprise(at: index)
            tally.count(firm)
            try registry.write(firm)
            try parcels.write(firm)
            try accounts.write(firm)
            for t in taxes.indices {
                let year = taxes[t].year
                let months = taxModel.months(of: firm, year: year)
                try taxes[t].write(firm, months: months)
                let rows = firm.powerAccounts.enumerated().map { number, account in
                    (account, powerModel.months(of: account, number: number, firm: firm, year: year))
                }
                try powers[t].write(firm, accounts: rows)
                try statistics[t].write(firm, salesCents: months.reduce(0) { $0 + $1.salesRevenue },
                                        kWh: rows.reduce(0) { $0 + $1.1.reduce(0) { $0 + $1.1 } })
            }
            if let progress, index % 10_000 == 9_999 { progress(index + 1, n) }
        }

        var files: [CountyManifest.File] = []
        func finish(_ writer: ExtractWriter, _ kind: ExtractKind, _ planted: [PlantedReject]) throws {
            try writer.finish()
            files.append(CountyManifest.File(name: writer.url.lastPathComponent, kind: kind, format: writer.format,
                                             rows: writer.rows, plantedRejects: planted))
        }
        try finish(registry.writer, .registry, registry.planted)
        try finish(parcels.writer, .parcels, parcels.planted)
        try finish(accounts.writer, .accounts, [])
        for tax in taxes { try finish(tax.writer, .tax, tax.planted) }
        for power in powers { try finish(power.writer, .power, power.planted) }
        for s in statistics { try finish(s.writer, .statistics, s.planted) }
        progress?(n, n)

        let manifest = CountyManifest(
            seed: options.seed, enterprises: n, firstYear: options.firstYear, lastYear: options.lastYear,
            asOf: options.asOf.description, files: files,
            plantedRejects: files.reduce(0) { $0 + $1.plantedRejects.count },
            parcels: tally.parcels, parcelSituations: tally.situations, parcelMarks: tally.marks,
            archetypes: tally.archetypes, statuses: tally.statuses, aboveScale: tally.aboveScale,
            powerAccountLinks: tally.links, waterAccounts: accounts.waterAccounts,
            manualMappings: accounts.manualMappings)
        let target = directory.appendingPathComponent("manifest.json")
        do {
            try manifest.json().write(to: target, options: .atomic)
        } catch {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path, NSUnderlyingErrorKey: error])
        }
        return manifest
    }

    /// Counts of what was planted, kept while streaming (a few dictionaries of small integers).
    private struct Tally {
        var parcels = 0
        var situations: [String: Int] = [:]
        var marks: [String: Int] = ["judicial_seizure": 0, "determination": 0, "warehouse_land": 0, "under_3_mu": 0]
        var archetypes: [String: Int] = [:]
        var statuses: [String: Int] = [:]
        var aboveScale = 0
        var links: [String: Int] = [:]

        mutating func count(_ firm: Enterprise) {
            archetypes[firm.archetype.rawValue, default: 0] += 1
            statuses[firm.status.rawValue, default: 0] += 1
            if firm.aboveScale { aboveScale += 1 }
            for parcel in firm.parcels {
                parcels += 1
                situations[parcel.situation.rawValue, default: 0] += 1
                if parcel.judicialSeizure { marks["judicial_seizure", default: 0] += 1 }
                if parcel.determinationNo != nil { marks["determination", default: 0] += 1 }
                if parcel.landUse == "仓储" { marks["warehouse_land", default: 0] += 1 }
                if parcel.areaCents * 15 < 3 * 10_000 * 100 { marks["under_3_mu", default: 0] += 1 }
            }
            for account in firm.powerAccounts { links[account.linkStyle.linkMethod, default: 0] += 1 }
        }
    }
}
