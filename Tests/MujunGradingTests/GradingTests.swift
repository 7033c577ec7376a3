import Foundation
import MujunCore
import MujunDatabase
import MujunGrading
import MujunIngest
import MujunPolicy
import MujunTestSupport
import Testing

/// Grades worked out by hand (spec evaluation.md, default profile: above scale 45/35/20,
/// below scale 60/40, benchmark = 2 × cohort mean, ratio cap 2, cuts 20/60/95 %).
///
/// Above-scale cohort, L = 15 mu each (10 000 m²), except F8 and F10 with 22.5 mu (an extra
/// 5 000 m² idle parcel each); per-mu values are chosen so every firm's ratios are simple:
///
///   firm  tax/mu   sales/mu    tax/kWh   score = 45·min(t/11000,2)⁺ + 35·min(s/380000,2) + 20·min(k/(14/9),2)⁺
///   F1    −1 000   100 000     −1        0 + 9.2105 + 0                  =   9.2105   (negative tax: ratio clamps to 0)
///   F2     2 000   100 000      1        8.1818 + 9.2105 + 12.8571        =  30.2495
///   F3     3 000   100 000      1        12.2727 + …                      =  34.3404
///   F4     4 000                                                          =  38.4313
///   F5     5 000                                                          =  42.5222
///   F6     6 000                                                          =  46.6131
///   F7     7 000                                                          =  50.7040
///   F8     9 000   100 000      1        36.8182 + 9.2105 + 12.8571       =  58.8859
///   F9     9 000   100 000      1                                         =  58.8859   (tie with F8)
///   F10   11 000 1 000 000      —        45 + 35·2 (capped) + 0           = 115.0000   (no power: no_power_data)
///
///   tax/mu mean = 55 000 / 10 = 5 500 → benchmark 11 000; sales/mu mean = 1 900 000 / 10 =
///   190 000 → 380 000; tax/kWh defined for 9 firms, mean (−1 + 8) / 9 = 7/9 → 14/9.
///   Ranks: F10 1, F8 = F9 2 (competition ranking), F7 4, F6 5, F5 6, F4 7, F3 8, F2 9, F1 10.
///   N = 10: A r ≤ 2 (F10, F8, F9: the tie at the boundary takes the better class),
///   B r ≤ 6 (F7, F6, F5), C r ≤ 9.5 (F4, F3, F2), D (F1).
///   F10 holds an enterprise-caused idle parcel: A → C (idle_land_veto); F8's is the
///   government's: stays A.
///
/// Below-scale cohort: B1 (3 mu exactly, tax 1 000/mu, sales 100 000/mu), G1 (3 mu, past its
/// agreed completion and not in production: graded; tax 500/mu, sales 0). Means 750 and 50 000
/// → benchmarks 1 500 and 100 000. B1 = 60·2/3 + 40·1 = 80; G1 = 60·1/3 + 0 = 20.
/// N = 2: B1 rank 1 (1 ≤ 1.2 → B), G1 rank 2 (2 > 1.9 → D).
/// Out of scope: B2 (below scale, 1 999.99 m² < 3 mu), N1 (注销), N2 (no land); exempt: T1
/// (no production, completion 2025-06-30 not passed), T2 (production 2023-06-01 + 2 y > 2024-12-31).
@Suite("Grading")
struct GradingTests {
    static let expected2024: [String: String] = [
        // grade computed score rank size cohort reasons consecutive_d
        "F1": "D D 9.2105 10 10 above  1",
        "F2": "C C 30.2495 9 10 above  0",
        "F3": "C C 34.3404 8 10 above  0",
        "F4": "C C 38.4313 7 10 above  0",
        "F5": "B B 42.5222 6 10 above  0",
        "F6": "B B 46.6131 5 10 above  0",
        "F7": "B B 50.7040 4 10 above  0",
        "F8": "A A 58.8859 2 10 above  0",
        "F9": "A A 58.8859 2 10 above  0",
        "F10": "C A 115.0000 1 10 above idle_land_veto;no_power_data 0",
        "B1": "B B 80.0000 1 2 below  0",
        "G1": "D D 20.0000 2 2 below  1",
        "B2": "N N - - - below below_min_land 0",
        "N1": "N N - - - above not_active 0",
        "N2": "N N - - - above no_land 0",
        "T1": "T T - - - above construction_period 0",
        "T2": "T T - - - above new_production 0",
    ]

    @Test("the worked example: scores, ties, negative tax, no power, N and T reasons, idle veto")
    func workedExample() throws {
        let fixture = try GradingFixture()
        let summary = try Evaluator(connection: fixture.connection)
            .evaluate(year: 2024, policy: GradingFixture.defaultProfile, madeBy: "test")
        #expect(summary.complete)
        let rows = try fixture.rows(summary.runID)
        for (firm, expected) in GradingTests.expected2024 {
            #expect(rows[firm] == expected, "\(firm)")
        }
        #expect(rows.count == GradingTests.expected2024.count)
        #expect(summary.grades == ["A": 2, "B": 4, "C": 4, "D": 2, "N": 3, "T": 2])

        let benchmarks = try fixture.connection.execute("""
            SELECT cohort || ' ' || indicator || ' ' || weight || ' ' || n_defined || ' ' || round(mean, 6) || ' ' || round(benchmark, 6)
            FROM runs.grade_benchmarks WHERE run_id = $1 ORDER BY cohort, indicator
            """, [Int(summary.runID)])
        #expect((0..<benchmarks.rowCount).map { benchmarks.string($0, 0)! } == [
            "above sales_per_mu 35 10 190000.000000 380000.000000",
            "above tax_per_kwh 20 9 0.777778 1.555556",
            "above tax_per_mu 45 10 5500.000000 11000.000000",
            "below sales_per_mu 40 2 50000.000000 100000.000000",
            "below tax_per_mu 60 2 750.000000 1500.000000",
        ])
        // Inputs at full precision: F8 has 22.5 mu.
        let f8 = try fixture.connection.execute("""
            SELECT land_m2, land_m2 * 15 / 10000, tax_yuan, kwh, tax_per_mu FROM runs.enterprise_grades
            WHERE run_id = $1 AND uscc = $2
            """, [Int(summary.runID), GradingFixture.uscc("F8")])
        #expect((0..<5).map { f8.string(0, $0)! } == ["15000.00", "22.5000000000000000", "202500.00", "202500", "9000.0000000000000000"])
    }

    @Test("the idle veto judges parcels as of Y-12-31, not as of the parcels extract's date")
    func idleVetoAsOfYearEnd() throws {
        let fixture = try GradingFixture()
        // A later parcels extract (as of 2025-01-10) says F10's idle parcel started on 2025-01-05.
        // On 2024-12-31 it had not started, so it was idle then and F10 still loses its A.
        try fixture.load(.parcels, "parcels_2025-01-10.csv", """
            parcel_id,holder_uscc,region_code,land_use,area_m2,supplied_on,agreed_start_on,actual_start_on,idle_cause
            P-F10-idle,\(GradingFixture.uscc("F10")),320101,工业,5000,2022-01-01,2022-06-01,2025-01-05,企业

            """)
        let summary = try Evaluator(connection: fixture.connection)
            .evaluate(year: 2024, policy: GradingFixture.defaultProfile, madeBy: "test")
        #expect(try fixture.rows(summary.runID)["F10"] == GradingTests.expected2024["F10"])
    }

    @Test("a batch committed between two files of an evaluation is seen by none of them: one snapshot per run")
    func oneSnapshot() throws {
        let fixture = try GradingFixture()
        let clean = try Evaluator(connection: fixture.connection)
            .evaluate(year: 2024, policy: GradingFixture.defaultProfile, madeBy: "test")
        // A parcels correction: F10's idle parcel did start in 2022, so F10 keeps its A.
        let correction = try fixture.folder.write("parcels_2024-12-31_fix.csv", """
            parcel_id,holder_uscc,region_code,land_use,area_m2,supplied_on,agreed_start_on,actual_start_on,idle_cause
            P-F10-idle,\(GradingFixture.uscc("F10")),320101,工业,5000,2022-01-01,2022-06-01,2022-07-01,企业

            """)
        let db = fixture.db
        let load = BackgroundLoad()
        let evaluator = Evaluator(connection: fixture.connection)
        // Another session applies the correction after the classes and before the vetoes
        // (07_overrides.sql). Before issue 16 the run read it from there on (the batch's rows
        // are COPY … FREEZE and its ATTACH PARTITION is a catalog change: neither waits for a
        // snapshot): F10 came out A on the old scores, and input_batch_ids did not list it. Now
        // the load waits at its ATTACH until the run ends.
        evaluator.afterEachScript = { script in
            guard script.name.hasSuffix("/06_classes.sql") else { return }
            load.start {
                var options = IngestOptions(today: CalendarDay("2025-01-15")!)
                options.maxRejectRatio = 0
                return try BatchLoader(connection: try db.connect()).load(correction, kind: .parcels, options: options)
            }
            // The load has copied its rows and waits for the lock of its ATTACH, or has applied.
            let watcher = try db.connect()
            for _ in 0..<400 {
                if load.isDone { break }
                let waiting = try watcher.execute("""
                    SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'core.parcel_rows'::regclass
                    """).scalarInt()
                if waiting > 0 { break }
                usleep(25_000)
            }
        }
        let during = try evaluator.evaluate(year: 2024, policy: GradingFixture.defaultProfile, madeBy: "test")
        let report = try load.wait()
        #expect(report.status == .applied)
        let committed = report.batchID
        #expect(try fixture.rows(during.runID) == (try fixture.rows(clean.runID)))
        let duringF10 = try fixture.rows(during.runID)["F10"], cleanF10 = try fixture.rows(clean.runID)["F10"]
        #expect(duringF10 == GradingTests.expected2024["F10"], "\(duringF10 ?? "-") vs \(cleanF10 ?? "-")")
        func inputs(_ run: Int64) throws -> String? {
            try fixture.connection.execute("SELECT input_batch_ids::text FROM runs.evaluation_runs WHERE run_id = $1",
                                           [Int(run)]).scalar()
        }
        #expect(try inputs(during.runID) == (try inputs(clean.runID)))
        // The next run reads the correction, whole: F10 keeps its A and the batch is listed.
        let after = try Evaluator(connection: fixture.connection)
            .evaluate(year: 2024, policy: GradingFixture.defaultProfile, madeBy: "test")
        #expect(try fixture.rows(after.runID)["F10"]?.hasPrefix("A A ") == true)
        #expect(try inputs(after.runID)?.contains(String(committed ?? -1)) == true)
    }

    @Test("recorded vetoes and review results override in order, with an audit trail")
    func overrides() throws {
        let fixture = try GradingFixture()
        let entries = OperatorEntries(connection: fixture.connection)
        _ = try entries.veto(year: 2024, uscc: GradingFixture.uscc("F7"), to: "D", reason: "重大安全事故", documentNo: "安监〔2024〕9号", madeBy: "张")
        _ = try entries.veto(year: 2024, uscc: GradingFixture.uscc("F6"), to: "C", reason: "环保处罚", documentNo: nil, madeBy: "张")
        _ = try entries.veto(year: 2024, uscc: GradingFixture.uscc("T1"), to: "D", reason: "不改变 T", documentNo: nil, madeBy: "张")
        _ = try entries.veto(year: 2023, uscc: GradingFixture.uscc("F5"), to: "D", reason: "other year", documentNo: nil, madeBy: "张")
        _ = try entries.review(year: 2024, uscc: GradingFixture.uscc("F1"), grade: "B", reason: "first", documentNo: nil, madeBy: "李")
        _ = try entries.review(year: 2024, uscc: GradingFixture.uscc("F1"), grade: "C", reason: "复核：退税已更正", documentNo: "复〔2025〕1号", madeBy: "李")
        let summary = try Evaluator(connection: fixture.connection)
            .evaluate(year: 2024, policy: GradingFixture.defaultProfile, madeBy: "test")
        let rows = try fixture.rows(summary.runID)
        #expect(rows["F7"] == "D B 50.7040 4 10 above veto 1")
        #expect(rows["F6"] == "C B 46.6131 5 10 above veto 0")
        #expect(rows["F5"] == GradingTests.expected2024["F5"])
        #expect(rows["T1"] == GradingTests.expected2024["T1"])
        #expect(rows["F1"] == "C D 9.2105 10 10 above review 0")
        let trail = try entries.list(year: 2024)
        #expect(trail.map { "\($0.kind) \($0.grade) \($0.madeBy)" } == [
            "veto D 张", "veto C 张", "veto D 张", "review B 李", "review C 李"])
        #expect(trail.first?.documentNo == "安监〔2024〕9号")
    }

    @Test("consecutive D years count published years ending with Y")
    func consecutiveDYears() throws {
        let fixture = try GradingFixture(years: [2022, 2023, 2024])
        let evaluator = Evaluator(connection: fixture.connection)
        let entries = OperatorEntries(connection: fixture.connection)
        // F2 is C every year; reviews make it D in 2022 and 2024 but not 2023.
        _ = try entries.review(year: 2022, uscc: GradingFixture.uscc("F2"), grade: "D", reason: "r", documentNo: nil, madeBy: "x")
        _ = try entries.review(year: 2024, uscc: GradingFixture.uscc("F2"), grade: "D", reason: "r", documentNo: nil, madeBy: "x")
        let y2022 = try evaluator.evaluate(year: 2022, policy: GradingFixture.defaultProfile, publish: true, madeBy: "t")
        let rows2022 = try fixture.rows(y2022.runID)
        #expect(rows2022["F1"]?.hasSuffix(" 1") == true, "\(rows2022)")
        let y2023 = try evaluator.evaluate(year: 2023, policy: GradingFixture.defaultProfile, publish: true, madeBy: "t")
        #expect(try fixture.rows(y2023.runID)["F1"]?.hasSuffix(" 2") == true)
        let y2024 = try evaluator.evaluate(year: 2024, policy: GradingFixture.defaultProfile, madeBy: "t")
        let rows = try fixture.rows(y2024.runID)
        #expect(rows["F1"] == "D D 9.2105 10 10 above  3")
        // G1 was T (construction period) until its agreed completion passed in 2024.
        #expect(rows["G1"] == "D D 20.0000 2 2 below  1")
        #expect(rows["F2"] == "D C 30.2495 9 10 above review 1")
        #expect(rows["F3"]?.hasSuffix(" 0") == true)
    }

    @Test("an incomplete year is refused naming the missing months; --allow-incomplete marks the run")
    func completenessGate() throws {
        let fixture = try GradingFixture()
        let evaluator = Evaluator(connection: fixture.connection)
        #expect {
            try evaluator.evaluate(year: 2023, policy: GradingFixture.defaultProfile, madeBy: "t")
        } throws: { error in
            let e = error as? GradingError
            return e?.code == .incompleteYear && e?.message.contains("tax 2023-01") == true
                && e?.message.contains("power 2023-12") == true
        }
        #expect(try fixture.connection.execute("SELECT count(*) FROM runs.evaluation_runs").scalarInt() == 0)
        let cli = try MujunBinary.run(["evaluate", "--year", "2023"], environment: fixture.db.environment)
        #expect(cli.status == 65)
        #expect(cli.stderr.contains("power 2023-06"))
        let run = try evaluator.evaluate(year: 2023, policy: GradingFixture.defaultProfile, allowIncomplete: true, madeBy: "t")
        #expect(!run.complete && run.missingMonths.count == 24)
        #expect(try fixture.connection.execute("SELECT complete, cardinality(missing_months) FROM runs.evaluation_runs WHERE run_id = $1",
                                               [Int(run.runID)]).rows.first?["cardinality"] == "24")
    }

    @Test("same data and profile give identical grades; another profile another hash; compare stores the moves")
    func reproducibleAndCompare() throws {
        let fixture = try GradingFixture()
        let evaluator = Evaluator(connection: fixture.connection)
        let first = try evaluator.evaluate(year: 2024, policy: GradingFixture.defaultProfile, publish: true, madeBy: "t")
        let second = try evaluator.evaluate(year: 2024, policy: GradingFixture.defaultProfile, madeBy: "t")
        #expect(try fixture.rows(first.runID) == fixture.rows(second.runID))
        #expect(first.policySHA256 == second.policySHA256)

        let whatIf = try evaluator.evaluate(year: 2024, policy: GradingFixture.zhejiangProfile, compare: true, madeBy: "t")
        #expect(whatIf.policySHA256 != first.policySHA256)
        #expect(!whatIf.published && whatIf.comparedWith == first.runID)
        // Zhejiang below scale: tax/mu 50 + tax/kWh 50. G1 (tax/kWh 10, the only one defined:
        // benchmark 20, ratio 0.5) = 16.6667 + 25 = 41.6667 overtakes B1 = 33.3333 + 0.
        // Drivers (compare_drivers.sql): B1's sales/mu share (40 of 100) is gone, the largest fall
        // (tax/mu only 40 → 33.33); G1's tax/kWh share rises from 0 to 25 of 100.
        let b1 = EvaluationSummary.Move(uscc: GradingFixture.uscc("B1"), name: "企业B1", from: "B", to: "D",
                                        drivenBy: "sales_per_mu")
        let g1 = EvaluationSummary.Move(uscc: GradingFixture.uscc("G1"), name: "企业G1", from: "D", to: "B",
                                        drivenBy: "tax_per_kwh")
        let expectedMoves: [EvaluationSummary.Move] = [b1, g1]
        #expect(whatIf.moves == expectedMoves)
        #expect(whatIf.drivers == ["sales_per_mu": 1, "tax_per_kwh": 1])
        #expect(whatIf.matrix?["B→D"] == 1 && whatIf.matrix?["D→B"] == 1 && whatIf.matrix?["A→A"] == 2)
        let rows = try fixture.rows(whatIf.runID)
        #expect(rows["G1"] == "B B 41.6667 1 2 below  0")
        #expect(rows["B1"] == "D D 33.3333 2 2 below held_missing_data;no_power_data 1")
        // The published run is still the first.
        #expect(try fixture.connection.execute("SELECT run_id FROM runs.evaluation_runs WHERE published").scalarInt() == Int(first.runID))
    }

    @Test("one published run per year; the mart shows published runs only")
    func publishing() throws {
        let fixture = try GradingFixture()
        let evaluator = Evaluator(connection: fixture.connection)
        let first = try evaluator.evaluate(year: 2024, policy: GradingFixture.defaultProfile, madeBy: "t")
        #expect(try fixture.connection.execute("SELECT count(*) FROM mart.enterprise_grades").scalarInt() == 0)
        // The default profile requires a notice (procedure.md §1): publish is refused with its
        // reasons, then noticed for a day and published the day after under a decision number.
        let refused = try MujunBinary.run(["publish", String(first.runID)], environment: fixture.db.environment)
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("was never put under notice") && refused.stderr.contains("--decision-no is required"))
        #expect(try MujunBinary.run(["evaluate", "--year", "2024", "--publish"], environment: fixture.db.environment).status == 65)
        let today = try CalendarDay.today()
        let out = try TemporaryDirectory()
        let notice = try MujunBinary.run(["notice", String(first.runID), "--from", today.description, "--days", "1",
                                          "--out", out.url.path, "--json"], environment: fixture.db.environment)
        #expect(notice.status == 0, "\(notice.stderr)")
        #expect(notice.stdout.contains("\"notice_until\" : \"\(today)\""))
        var tomorrow = fixture.db.environment
        tomorrow["MUJUN_TODAY"] = try fixture.connection.execute("SELECT ($1::date + 1)::text", [today.description]).scalar()
        // An objection on the notice's only day is taken; one the day after is refused, naming the period.
        let f1 = GradingFixture.uscc("F1")
        let late = try MujunBinary.run(["objection", "add", "--year", "2024", "--uscc", GradingFixture.uscc("F2"),
                                        "--received", tomorrow["MUJUN_TODAY"]!, "--why", "x"], environment: tomorrow)
        #expect(late.status == 65 && late.stderr.contains("逾期视为无异议"), "\(late.stderr)")
        let objection = try MujunBinary.run(["objection", "add", "--year", "2024", "--uscc", f1, "--received", today.description,
                                             "--reason", "税收有误", "--doc", "异〔2025〕1号", "--json"], environment: fixture.db.environment)
        #expect(objection.status == 0, "\(objection.stderr)")
        #expect(objection.stdout.contains("\"state\" : \"open\""))
        let listed = try MujunBinary.run(["objection", "list", "--open", "--json"], environment: fixture.db.environment)
        #expect(listed.stdout.contains("\"uscc\" : \"\(f1)\""))
        #expect(try MujunBinary.run(["publish", String(first.runID), "--decision-no", "评〔2025〕3号"], environment: tomorrow).status == 65)
        let answer = try MujunBinary.run(["review", "set", "--objection", "1", "D", "--reason", "复核维持"], environment: tomorrow)
        #expect(answer.status == 0, "\(answer.stderr)")
        #expect(try MujunBinary.run(["objection", "answer", "1", "--dismiss", "--why", "again"], environment: tomorrow).status == 65)
        #expect(try MujunBinary.run(["review", "set", "--objection", "1", "--year", "2023", "C", "--reason", "x"],
                                    environment: tomorrow).status == 64)
        let cli = try MujunBinary.run(["publish", String(first.runID), "--decision-no", "评〔2025〕3号"], environment: tomorrow)
        #expect(cli.status == 0, "\(cli.stderr)")
        #expect(try fixture.connection.execute("SELECT decision_no FROM mart.enterprise_grades LIMIT 1").scalar() == "评〔2025〕3号")
        let second = try evaluator.evaluate(year: 2024, policy: GradingFixture.defaultProfile, publish: true, madeBy: "t")
        #expect(try fixture.connection.execute("SELECT string_agg(run_id::text, ',') FROM runs.evaluation_runs WHERE published").scalar()
                == String(second.runID))
        let mart = try fixture.connection.execute("""
            SELECT grade, reasons, land_mu::text, tax_per_mu_yuan::text FROM mart.enterprise_grades WHERE uscc = $1
            """, [GradingFixture.uscc("F10")])
        #expect(mart.rowCount == 1)
        #expect(mart.rows.first?["reasons"] == "idle_land_veto;no_power_data")
        #expect(mart.rows.first?["land_mu"] == "22.5000000000000000")
        #expect(try fixture.connection.execute("SELECT count(*) FROM mart.enterprise_year WHERE year = 2024").scalarInt() == 17)
        #expect(try MujunBinary.run(["publish", "999999"], environment: fixture.db.environment).status == 1)
    }
}

/// A batch load on a thread of its own, so that a run's test hook can start it and go on.
final class BackgroundLoad: @unchecked Sendable {
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var result: Result<BatchReport, Error>?

    var isDone: Bool { lock.withLock { result != nil } }

    func start(_ body: @escaping @Sendable () throws -> BatchReport) {
        group.enter()
        DispatchQueue.global().async { [self] in
            let outcome = Result { try body() }
            lock.withLock { result = outcome }
            group.leave()
        }
    }

    func wait() throws -> BatchReport {
        group.wait()
        return try lock.withLock { result! }.get()
    }
}
