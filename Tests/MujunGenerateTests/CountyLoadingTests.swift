import Foundation
import MujunDatabase
import MujunGenerate
import MujunIngest
import MujunTestSupport
import Testing

/// The generated county goes through the real loader into a real database, and what was
/// planted is found there: exactly the planted bad rows are rejected, power accounts link by
/// every method, and every parcel situation is present.
@Suite("Generate: the county loads and holds what was planted")
struct CountyLoadingTests {
    static let county = Result { try GeneratedCounty() }

    @Test("every batch is applied; exactly the planted bad rows are rejected, with their reasons and lines")
    func plantedRejects() throws {
        let loaded = try LoadedCounty(try CountyLoadingTests.county.get())
        let manifest = loaded.county.manifest
        #expect(manifest.plantedRejects == manifest.files.map(\.plantedRejects.count).reduce(0, +))
        #expect(manifest.plantedRejects >= 6)
        for file in manifest.files {
            let report = try #require(loaded.reports[file.name])
            #expect(report.status == .applied, "\(file.name): \(report.message)")
            #expect(report.rowsRead == file.rows, "\(file.name)")
            #expect(report.rowsRejected == file.plantedRejects.count, "\(file.name): \(report.rejectsByReason)")
            let rejects = try loaded.strings("""
                SELECT line || ':' || coalesce(column_name, '') || ':' || reason FROM runs.rejects
                WHERE batch_id = $1 ORDER BY line
                """, [Int(report.batchID ?? -1)])
            #expect(rejects == file.plantedRejects.map { "\($0.line):\($0.column):\($0.reason)" }, "\(file.name)")
        }
        // One of each kind of defect the brief asks for.
        let reasons = Set(manifest.files.flatMap { $0.plantedRejects.map(\.reason) })
        #expect(reasons == ["bad_uscc", "bad_date", "duplicate_key", "bad_number"])
        // Both encodings and both header languages, and the unknown columns named.
        #expect(try loaded.strings("SELECT DISTINCT kind || ':' || encoding FROM runs.batches ORDER BY 1") == [
            "accounts:utf8", "parcels:utf8", "power:gb18030", "registry:utf8", "statistics:gb18030", "tax:utf8",
        ])
        // Statistics as a county's really are (StatisticsExtract): above-scale firms with sales
        // mostly reported, below-scale ones often not; empty cells stay unknown (NULL), and
        // zero denominators and losses are there for grading to meet.
        let coverage = try loaded.strings("""
            SELECT e.above_scale, count(*) FILTER (WHERE s.uscc IS NOT NULL) * 100 / count(*)
            FROM core.registry_current e
            JOIN (SELECT uscc FROM core.tax_current WHERE period >= '2024-01-01' GROUP BY uscc
                  HAVING sum(sales_revenue) > 0) t ON t.uscc = e.uscc
            LEFT JOIN core.statistics_current s ON s.uscc = e.uscc AND s.year = 2024
            GROUP BY e.above_scale ORDER BY 1
            """)
        #expect(coverage.count == 2)
        if coverage.count == 2 {
            #expect(Int(coverage[0].split(separator: "|")[1])! < 80, "below scale: \(coverage[0])")
            #expect(Int(coverage[1].split(separator: "|")[1])! >= 85, "above scale: \(coverage[1])")
        }
        #expect(try loaded.int("SELECT count(*) FROM core.statistics_current WHERE emissions_t IS NULL") > 0)
        #expect(try loaded.int("SELECT count(*) FROM core.statistics_current WHERE emissions_t = 0") == 0)
        #expect(try loaded.int("SELECT count(*) FROM core.statistics_current WHERE value_added < 0 OR energy_tce = 0 OR employees_avg = 0") > 0)
        #expect(manifest.files.contains { $0.format.header == .english })
        #expect(manifest.files.contains { $0.format.header == .chinese })
        #expect(manifest.files.contains { $0.format.lineEnding == .crlf })
        #expect(loaded.reports["registry_2024-12-31.csv"]?.unknownColumns == ["企业类型"])
        #expect(loaded.reports["power_2024-12-31.csv"]?.unknownColumns == ["供电所"])
    }

    @Test("power accounts link by credit code, by name, by manual mapping, and some not at all")
    func powerAccountLinks() throws {
        let loaded = try LoadedCounty(try CountyLoadingTests.county.get())
        let counts = try loaded.strings("""
            SELECT link_method || '=' || count(*) FROM core.power_account_links GROUP BY link_method ORDER BY link_method
            """)
        let expected = loaded.county.manifest.powerAccountLinks.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        #expect(counts == expected)
        for method in ["uscc", "name", "manual", "unmatched"] {
            #expect((loaded.county.manifest.powerAccountLinks[method] ?? 0) > 0, "\(method)")
        }
        // Some names link only once full-width brackets are folded.
        #expect(try loaded.int("""
            SELECT count(*) FROM core.power_account_links l JOIN core.registry_current r USING (uscc)
            WHERE l.link_method = 'name' AND l.account_name <> r.name AND l.account_name LIKE '%(%'
            """) > 0)
        // Some firms have two accounts; stopped firms show zero-kWh months; water comes from accounts.
        #expect(try loaded.int("""
            SELECT count(*) FROM (SELECT uscc FROM core.power_account_links WHERE uscc IS NOT NULL
                                  GROUP BY uscc HAVING count(*) > 1) t
            """) > 0)
        #expect(try loaded.int("SELECT count(*) FROM core.power_current WHERE kwh = 0") > 0)
        #expect(try loaded.int("SELECT count(*) FROM core.accounts_current WHERE utility = 'water'")
                == loaded.county.manifest.waterAccounts)
        #expect(try loaded.int("SELECT count(*) FROM core.power_current WHERE account_no LIKE '0%'") > 0)
    }

    @Test("parcels hold every planted situation, as SQL over core.parcels_current finds them")
    func parcelSituations() throws {
        let loaded = try LoadedCounty(try CountyLoadingTests.county.get())
        let manifest = loaded.county.manifest
        let asOf = manifest.asOf
        // Each situation as the land rules would see it on the as-of date.
        let tests: [(String, String)] = [
            ("productive", "production_start_on + interval '2 years' <= $1::date"),
            ("new_production", "production_start_on <= $1::date AND production_start_on + interval '2 years' > $1::date"),
            ("under_construction", """
                actual_start_on <= $1::date AND production_start_on IS NULL AND suspended_since IS NULL
                AND agreed_completion_on >= $1::date
                """),
            ("not_yet_due", "actual_start_on IS NULL AND agreed_start_on > $1::date"),
            ("overdue_start", """
                actual_start_on IS NULL AND agreed_start_on <= $1::date AND agreed_start_on + interval '1 year' > $1::date
                """),
            ("idle_not_started", """
                actual_start_on IS NULL AND agreed_start_on + interval '1 year' <= $1::date
                AND coalesce(idle_cause, 'enterprise') = 'enterprise'
                """),
            ("idle_government", """
                actual_start_on IS NULL AND agreed_start_on + interval '1 year' <= $1::date AND idle_cause <> 'enterprise'
                """),
            ("idle_suspended", """
                actual_start_on <= $1::date AND production_start_on IS NULL AND suspended_since + interval '1 year' <= $1::date
                AND (developed_area_m2 * 3 < area_m2 OR invested_amount * 4 < total_investment)
                """),
            ("stalled", """
                actual_start_on <= $1::date AND production_start_on IS NULL AND suspended_since IS NULL
                AND agreed_completion_on < $1::date
                """),
        ]
        var total = 0
        for (situation, condition) in tests {
            let found = try loaded.int("SELECT count(*) FROM core.parcels_current WHERE \(condition)", [asOf])
            #expect(found == manifest.parcelSituations[situation], "\(situation)")
            #expect(found > 0, "\(situation)")
            total += found
        }
        #expect(total == manifest.parcels)
        #expect(try loaded.int("SELECT count(*) FROM core.parcels_current") == manifest.parcels)
        #expect(try loaded.int("SELECT count(*) FROM core.parcels_current WHERE judicial_seizure") == manifest.parcelMarks["judicial_seizure"])
        #expect(try loaded.int("SELECT count(*) FROM core.parcels_current WHERE determination_no IS NOT NULL") > 0)
        #expect(try loaded.int("SELECT count(*) FROM core.parcels_current WHERE land_use = '仓储'") > 0)
        #expect(try loaded.int("SELECT count(*) FROM core.parcels_current WHERE land_use = '工业用地'") > 0)
        // Areas: 5–200 mu apart from the small workshops' plots under 3 mu.
        #expect(try loaded.int("""
            SELECT count(*) FROM core.parcels_current WHERE area_m2 * 15 < 3 * 10000 OR area_m2 * 15 > 200 * 10000
                OR (area_m2 * 15 >= 3 * 10000 AND area_m2 * 15 < 5 * 10000)
            """) == manifest.parcelMarks["under_3_mu"])
        // Zombie holders: revoked or deregistered firms still holding land.
        #expect(try loaded.int("""
            SELECT count(*) FROM core.parcels_current p JOIN core.registry_current r ON r.uscc = p.holder_uscc
            WHERE r.status IN ('revoked', 'deregistered')
            """) > 0)
    }

    @Test("registry: townships, sections, scale and statuses spread as planned")
    func registry() throws {
        let loaded = try LoadedCounty(try CountyLoadingTests.county.get())
        let manifest = loaded.county.manifest
        #expect(try loaded.int("SELECT count(*) FROM core.registry_current") == manifest.enterprises)
        #expect(try loaded.int("SELECT count(DISTINCT region_code) FROM core.registry_current") >= 8)
        let manufacturing = try loaded.int("SELECT count(*) FROM core.registry_current WHERE industry_code LIKE 'C%'")
        #expect(manufacturing == manifest.enterprises * 75 / 100)
        #expect(try loaded.int("SELECT count(DISTINCT left(industry_code, 1)) FROM core.registry_current") >= 5)
        #expect(try loaded.int("SELECT count(*) FROM core.registry_current WHERE above_scale") == manifest.aboveScale)
        #expect(manifest.aboveScale > 20 && manifest.aboveScale < manifest.enterprises / 2)
        let statuses = try loaded.strings("SELECT status || '=' || count(*) FROM core.registry_current GROUP BY status ORDER BY status")
        #expect(statuses == manifest.statuses.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
        #expect(Set(manifest.statuses.keys).isSuperset(of: ["active", "suspended", "deregistered"]))
        #expect(manifest.statuses.count >= 4)
    }

    @Test("tax: every month of both years, refunds, and per-mu tax spread from under 1万 to over 10万 yuan")
    func tax() throws {
        let loaded = try LoadedCounty(try CountyLoadingTests.county.get())
        #expect(try loaded.strings("SELECT to_char(period, 'YYYY-MM') FROM core.known_months WHERE kind = 'tax' ORDER BY 1")
                == (2023...2024).flatMap { y in (1...12).map { String(format: "%d-%02d", y, $0) } })
        #expect(try loaded.int("SELECT count(*) FROM core.tax_current WHERE vat < 0") > 0)
        #expect(try loaded.int("SELECT count(*) FROM core.tax_current WHERE corporate_income_tax < 0") > 0)
        // Per-mu tax of 2024 (INEFF-3's measure: without land-use and property tax) over
        // producing industrial land.
        let perMu = """
            WITH land AS (
                SELECT holder_uscc AS uscc, sum(area_m2) * 15 / 10000 AS mu FROM core.parcels_current
                WHERE land_use IN ('工业', '工业用地') AND production_start_on <= '2022-12-31' GROUP BY 1
            ), tax AS (
                SELECT uscc, sum(vat + corporate_income_tax + individual_income_tax + other_taxes) AS t
                FROM core.tax_current WHERE period BETWEEN '2024-01-01' AND '2024-12-01' GROUP BY 1
            )
            SELECT count(*) FILTER (WHERE t / mu < 10000), count(*) FILTER (WHERE t / mu > 100000)
            FROM land JOIN tax USING (uscc)
            """
        let spread = try loaded.strings(perMu)[0].split(separator: "|").map { Int($0)! }
        #expect(spread[0] >= 5, "firms under 1万 yuan/mu")
        #expect(spread[1] >= 5, "firms over 10万 yuan/mu")
    }
}
