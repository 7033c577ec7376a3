import Foundation
import MujunCore
import MujunDatabase
import MujunGenerate
import MujunIngest
import MujunTestSupport

/// A small generated county in a temporary folder, and helpers to load it into a fresh
/// migrated database with the real `BatchLoader`.
struct GeneratedCounty: Sendable {
    let folder: TemporaryDirectory
    let manifest: CountyManifest

    init(enterprises: Int = 200, firstYear: Int = 2023, lastYear: Int = 2024, seed: UInt64 = 42) throws {
        folder = try TemporaryDirectory()
        let options = CountyOptions(enterprises: enterprises, firstYear: firstYear, lastYear: lastYear, seed: seed)
        manifest = try CountyGenerator(options: options).write(to: folder.url)
    }

    func url(_ name: String) -> URL { folder.url.appendingPathComponent(name) }

    /// Every file's bytes, by name (manifest included).
    func contents() throws -> [String: Data] {
        var all: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.url.path) {
            all[name] = try Data(contentsOf: url(name))
        }
        return all
    }

    /// The files in the order a drop folder loads them (details.md #72): by as-of date, then
    /// kind (registry, parcels, accounts, tax, power, statistics), then name.
    var loadOrder: [CountyManifest.File] {
        let rank: [ExtractKind: Int] = [.registry: 0, .parcels: 1, .accounts: 2, .tax: 3, .power: 4, .statistics: 5]
        return manifest.files.sorted { a, b in
            let dateA = BatchLoader.asOf(fromFileName: a.name)!, dateB = BatchLoader.asOf(fromFileName: b.name)!
            if dateA != dateB { return dateA < dateB }
            if a.kind != b.kind { return rank[a.kind]! < rank[b.kind]! }
            return a.name < b.name
        }
    }
}

/// A migrated database with a generated county loaded into it.
struct LoadedCounty {
    let county: GeneratedCounty
    let fixture: CountyFixture
    var db: TestDatabase { fixture.db }
    var connection: Connection { fixture.connection }
    /// Load reports, by file name.
    let reports: [String: BatchReport]

    init(_ county: GeneratedCounty) throws {
        self.county = county
        fixture = try CountyFixture()
        let loader = fixture.loader
        var options = IngestOptions(today: CalendarDay("2025-01-15")!)
        options.maxRejectRatio = 0.05
        var reports: [String: BatchReport] = [:]
        for file in county.loadOrder {
            reports[file.name] = try loader.load(county.url(file.name), kind: file.kind, options: options)
        }
        self.reports = reports
    }

    func strings(_ sql: String, _ parameters: [any SQLParameter] = []) throws -> [String] {
        try fixture.strings(sql, parameters)
    }

    func int(_ sql: String, _ parameters: [any SQLParameter] = []) throws -> Int {
        try fixture.int(sql, parameters)
    }
}
