import Foundation
import MujunDatabase
import MujunResources
import Mustache

/// `mujun report --year Y --out FILE.html`: one self-contained HTML file (inline SVG, no
/// network) for a bureau's first look at a year (issue 9). The figures come from the SQL of
/// `sql/report/`, one query per section; this type only lays them out.
public struct ReportBuilder {
    public let connection: Connection
    public let version: String

    public init(connection: Connection, version: String) {
        self.connection = connection
        self.version = version
    }

    static let grades: [(grade: String, label: String, color: String)] = [
        ("A", "A 优先发展", "#1a9850"), ("B", "B 鼓励提升", "#91cf60"), ("C", "C 监管调控", "#fdae61"),
        ("D", "D 整治提升", "#d73027"), ("T", "T 暂不评价", "#9e9e9e"), ("N", "N 不参评", "#d0d0d0"),
    ]

    func query(_ file: String, _ parameters: [any SQLParameter]) throws -> QueryResult {
        let sql = try String(contentsOf: MujunResources.sqlDirectory.appendingPathComponent("report/\(file)"), encoding: .utf8)
        return try connection.execute(sql, parameters)
    }

    /// Renders the report of the published evaluation of `year`.
    public func render(year: Int) throws -> String {
        let run = try connection.execute("""
            SELECT r.run_id, r.policy_name, left(r.policy_sha256, 12) AS hash, coalesce(c.graded, 0) AS graded
            FROM runs.evaluation_runs r
            LEFT JOIN (SELECT g.run_id, count(*) AS graded FROM runs.enterprise_grades g
                       WHERE g.grade IN ('A','B','C','D')
                         AND g.run_id IN (SELECT run_id FROM runs.evaluation_runs WHERE year = $1 AND published)
                       GROUP BY g.run_id) c ON c.run_id = r.run_id
            WHERE r.year = $1 AND r.published
            """, [year])
        guard let row = run.rows.first, let runText = row["run_id"] ?? nil, let runID = Int(runText) else {
            throw ReportError("no published evaluation for \(year): run mujun evaluate --year \(year) --publish first")
        }
        var context: [String: Any] = [
            "year": year, "run_id": runID, "policy": (row["policy_name"] ?? nil) ?? "", "policy_hash": (row["hash"] ?? nil) ?? "",
            "graded": (row["graded"] ?? nil) ?? "0", "version": version,
            "grade_legend": ReportBuilder.grades.map { ["grade": $0.grade, "label": $0.label, "color": $0.color] },
            "grade_legend_graded": ReportBuilder.grades.prefix(4).map { ["grade": $0.grade, "label": $0.label, "color": $0.color] },
        ]
        try gradesSection(runID, into: &context)
        try indicatorSections(runID, into: &context)
        context["flag_as_of"] = try connection.execute("SELECT coalesce(max(as_of)::text, '—') FROM runs.flag_runs").scalar() ?? "—"
        try landSection(into: &context)
        try topBottomSection(runID, into: &context)
        try dataQualitySection(into: &context)
        let url = Bundle.module.url(forResource: "report", withExtension: "mustache", subdirectory: "Templates")!
        let template = try MustacheTemplate(string: try String(contentsOf: url, encoding: .utf8))
        return template.render(context)
    }

    // MARK: Sections

    func gradesSection(_ runID: Int, into context: inout [String: Any]) throws {
        let result = try query("01_grades_by_region.sql", [runID])
        var regions: [(code: String, name: String, counts: [String: Int])] = []
        for r in 0..<result.rowCount {
            let code = result.string(r, 0) ?? "", name = result.string(r, 1) ?? code
            if regions.last?.code != code { regions.append((code, name, [:])) }
            regions[regions.count - 1].counts[result.string(r, 2) ?? "?"] = Int(result.string(r, 3) ?? "0") ?? 0
        }
        let maxTotal = max(1, regions.map { $0.counts.values.reduce(0, +) }.max() ?? 1)
        let left = 190.0, width = 620.0, rowHeight = 24.0
        var rows: [[String: Any]] = []
        for (i, region) in regions.enumerated() {
            var x = left
            let y = 8 + Double(i) * rowHeight
            var segments: [[String: Any]] = []
            for g in ReportBuilder.grades {
                let n = region.counts[g.grade] ?? 0
                guard n > 0 else { continue }
                let w = Double(n) / Double(maxTotal) * width
                segments.append(["x": f1(x), "y": f1(y), "w": f1(w), "h": f1(rowHeight - 6), "color": g.color,
                                 "title": "\(region.name) \(g.label): \(n)"])
                x += w
            }
            let total = region.counts.values.reduce(0, +)
            rows.append(["label": "\(region.name) \(region.code)", "text_y": f1(y + 13), "segments": segments,
                         "total_x": f1(x + 6), "total": total])
        }
        context["grades_chart"] = ["width": Int(left + width + 60), "height": Int(16 + Double(regions.count) * rowHeight), "rows": rows]
        context["grades_table"] = regions.map { region -> [String: Any] in
            ["region_code": region.code, "region_name": region.name,
             "counts": ReportBuilder.grades.map { region.counts[$0.grade] ?? 0 },
             "total": region.counts.values.reduce(0, +)]
        }
    }

    /// The report's unit for a catalogue unit: a label and the divisor from the stored value.
    static func unit(_ catalogueUnit: String) -> (label: String, divisor: String) {
        switch catalogueUnit {
        case "yuan/mu": return ("万元/亩", "10000")
        case "yuan/tce": return ("万元/吨标准煤", "10000")
        case "yuan/t": return ("万元/吨", "10000")
        case "yuan/person": return ("万元/人", "10000")
        case "ratio": return ("%", "0.01")
        default: return ("元/千瓦时", "1")
        }
    }

    /// One histogram per indicator the run's profile weights, by final grade, with each
    /// cohort's benchmark marked (issue 14).
    func indicatorSections(_ runID: Int, into context: inout [String: Any]) throws {
        let indicators = try query("07_indicators.sql", [runID])
        var sections: [[String: Any]] = []
        for i in 0..<indicators.rowCount {
            let indicator = indicators.string(i, 0) ?? "", name = indicators.string(i, 1) ?? ""
            let unit = ReportBuilder.unit(indicators.string(i, 2) ?? "")
            var section = try histogram(runID, indicator: indicator, name: name, unit: unit)
            section["id"] = indicator.replacingOccurrences(of: "_", with: "-")
            section["number"] = i + 1
            section["title"] = "\(name)分布 \(indicator) (\(unit.label)) by final grade"
            sections.append(section)
        }
        context["indicator_sections"] = sections
    }

    func histogram(_ runID: Int, indicator: String, name: String, unit: (label: String, divisor: String)) throws -> [String: Any] {
        let result = try query("02_indicator_histogram.sql", [runID, indicator, unit.divisor])
        var bins: [Int: [String: Int]] = [:]
        var upper: [Int: Double] = [:]
        for r in 0..<result.rowCount {
            let bin = Int(result.string(r, 0) ?? "0") ?? 0
            upper[bin] = Double(result.string(r, 2) ?? "0") ?? 0
            bins[bin, default: [:]][result.string(r, 3) ?? "?"] = Int(result.string(r, 4) ?? "0") ?? 0
        }
        let binWidth = upper.map { $0.value / Double($0.key) }.first ?? 1
        let hi = binWidth * 20
        let left = 40.0, right = 860.0, top = 24.0, bottom = 260.0
        let maxCount = max(1, bins.values.map { $0.values.reduce(0, +) }.max() ?? 1)
        let barWidth = (right - left) / 20
        var bars: [[String: Any]] = []
        for bin in 1...20 {
            var y = bottom
            for g in ReportBuilder.grades.prefix(4) {
                let n = bins[bin]?[g.grade] ?? 0
                guard n > 0 else { continue }
                let h = Double(n) / Double(maxCount) * (bottom - top)
                y -= h
                let lo = binWidth * Double(bin - 1)
                bars.append(["x": f1(left + Double(bin - 1) * barWidth + 1), "y": f1(y), "w": f1(barWidth - 2), "h": f1(h),
                             "color": g.color, "title": "\(name) \(f2(lo))–\(f2(lo + binWidth)) \(unit.label), \(g.grade): \(n)"])
            }
        }
        let ticks = stride(from: 0, through: 20, by: 4).map { i -> [String: Any] in
            ["x": f1(left + Double(i) * barWidth), "y": f1(bottom + 16), "label": f2(binWidth * Double(i))]
        }
        let marks = try query("03_benchmarks.sql", [runID, indicator, unit.divisor])
        var benchmarks: [[String: Any]] = []
        for r in 0..<marks.rowCount {
            guard let b = Double(marks.string(r, 1) ?? ""), b >= 0, b <= hi else { continue }
            let x = left + b / hi * (right - left)
            benchmarks.append(["x": f1(x), "top": f1(top), "bottom": f1(bottom), "text_x": f1(x + 4),
                               "text_y": f1(top + 12 + Double(r) * 14),
                               "label": "\(marks.string(r, 0) ?? "") 基准 \(f2(b))"])
        }
        return ["width": Int(right + 20), "height": Int(bottom + 30), "left": f1(left), "right": f1(right),
                "bottom": f1(bottom), "top_label_y": f1(top - 8), "max": maxCount,
                "bars": bars, "ticks": ticks, "benchmarks": benchmarks, "has_benchmarks": !benchmarks.isEmpty]
    }

    func landSection(into context: inout [String: Any]) throws {
        let result = try query("04_land_by_region.sql", [])
        var table: [[String: Any]] = []
        var byRegion: [(String, [String: Double])] = []
        for r in 0..<result.rowCount {
            let region = result.string(r, 0) ?? "", kind = result.string(r, 1) ?? ""
            let mu = Double(result.string(r, 2) ?? "0") ?? 0
            if byRegion.last?.0 != region { byRegion.append((region, [:])) }
            byRegion[byRegion.count - 1].1[kind] = mu
            table.append(["region_code": region, "kind": kind == "idle" ? "闲置 idle" : "低效 inefficient",
                          "flagged_mu": f2(mu), "parcels": result.string(r, 3) ?? "0",
                          "base_mu": result.string(r, 4).flatMap(Double.init).map(f2) ?? "—",
                          "resolved_mu": result.string(r, 5).flatMap(Double.init).map(f2) ?? "—",
                          "target": result.string(r, 6).flatMap(Double.init).map(percent) ?? "—",
                          "progress": result.string(r, 7).flatMap(Double.init).map(percent) ?? "—"])
        }
        let maxMu = max(1, byRegion.flatMap { $0.1.values }.max() ?? 1)
        let left = 120.0, width = 600.0, rowHeight = 36.0
        var rows: [[String: Any]] = []
        for (i, (region, kinds)) in byRegion.enumerated() {
            let y = 8 + Double(i) * rowHeight
            var bars: [[String: Any]] = []
            for (j, (kind, color)) in [("idle", "#c0392b"), ("ineff", "#e67e22")].enumerated() {
                let mu = kinds[kind] ?? 0
                let w = mu / maxMu * width
                let by = y + Double(j) * 14
                bars.append(["x": f1(left), "y": f1(by), "w": f1(w), "h": "12", "color": color,
                             "title": "\(region) \(kind): \(f2(mu)) 亩", "value_x": f1(left + w + 4), "value_y": f1(by + 10), "value": f2(mu)])
            }
            rows.append(["label": region, "text_y": f1(y + 16), "bars": bars])
        }
        context["land_chart"] = ["width": Int(left + width + 90), "height": Int(16 + Double(byRegion.count) * rowHeight), "rows": rows]
        context["land_table"] = table
    }

    func topBottomSection(_ runID: Int, into context: inout [String: Any]) throws {
        let result = try query("05_top_bottom.sql", [runID])
        var parts: [String: [[String: Any]]] = ["top": [], "bottom": []]
        for r in 0..<result.rowCount {
            let row: [String: Any] = [
                "name": try result.string(r, "name") ?? "", "uscc": try result.string(r, "uscc") ?? "",
                "region_code": try result.string(r, "region_code") ?? "", "cohort": try result.string(r, "cohort") ?? "",
                "score": try result.string(r, "score") ?? "", "rank": try result.string(r, "rank") ?? "",
                "cohort_size": try result.string(r, "cohort_size") ?? "", "grade": try result.string(r, "grade") ?? "",
                "tax_per_mu": try result.string(r, "tax_per_mu_wan").flatMap(Double.init).map(f2) ?? "—",
                "sales_per_mu": try result.string(r, "sales_per_mu_wan").flatMap(Double.init).map(f2) ?? "—",
            ]
            parts[try result.string(r, "part") ?? "top", default: []].append(row)
        }
        context["parts"] = [["title": "得分前20名 top 20 (万元/亩)", "rows": parts["top"]!],
                            ["title": "得分后20名 bottom 20 (万元/亩)", "rows": parts["bottom"]!.reversed() as [[String: Any]]]]
    }

    func dataQualitySection(into context: inout [String: Any]) throws {
        let result = try query("06_data_quality.sql", [])
        var sections: [String: [[String: Any]]] = [:]
        for r in 0..<result.rowCount {
            sections[result.string(r, 0) ?? "", default: []].append(["label": result.string(r, 1) ?? "", "n": result.string(r, 2) ?? "0"])
        }
        context["rejects"] = sections["rejects"] ?? []
        context["accounts"] = sections["accounts"] ?? []
        context["unknown_flags"] = sections["unknown_flags"]?.first?["n"] ?? "0"
    }

    // MARK: Numbers

    func f1(_ x: Double) -> String { String(format: "%.1f", x) }
    /// Two decimals, half away from zero (domain.md: display rounding).
    func f2(_ x: Double) -> String { String(format: "%.2f", (x * 100).rounded(.toNearestOrAwayFromZero) / 100) }
    func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
}
