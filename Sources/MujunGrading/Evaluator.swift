import Foundation
import Logging
import MujunCore
import MujunDatabase
import MujunPolicy
import MujunResources

/// `mujun evaluate`: grades one year under a policy profile as an immutable run (spec
/// evaluation.md), running the set-based SQL of `sql/grading/` in one transaction.
public final class Evaluator {
    public let connection: Connection
    public var logger = Logger(label: "mujun.evaluate")

    /// Called after each SQL file of the run, inside its transaction (`SQLRunner.afterEachScript`):
    /// a test hook, never set in production.
    public var afterEachScript: ((SQLScript) throws -> Void)?

    public init(connection: Connection) { self.connection = connection }

    static var folder: URL { MujunResources.sqlDirectory.appendingPathComponent("grading", isDirectory: true) }

    /// The grading steps, in file-name order: the files whose names start with their step number.
    static func steps() throws -> [SQLScript] {
        try SQLScript.folder(folder, displayedAs: "sql/grading", where: { $0.first?.isNumber == true })
    }

    /// What drove each class move of `--compare`: `sql/grading/compare_drivers.sql`.
    static func compareDrivers() throws -> SQLScript {
        try SQLScript(contentsOf: folder.appendingPathComponent("compare_drivers.sql"), name: "sql/grading/compare_drivers.sql")
    }

    /// The completeness gate of evaluation.md §1 (details.md #28): `sql/grading/completeness.sql`.
    static func completenessGate() throws -> SQLScript {
        try SQLScript(contentsOf: folder.appendingPathComponent("completeness.sql"), name: "sql/grading/completeness.sql")
    }

    /// Months of the year without applied tax or power data, and missing registry/parcels
    /// batches, in `tx` (which must be open).
    static func missingInputs(year: Int, needsStatistics: Bool = false, in tx: Connection) throws -> [String] {
        try SQLRunner([try completenessGate()], settings: [("mujun.year", String(year)),
                                                          ("mujun.needs_statistics", String(needsStatistics))]).run(in: tx)
        let result = try tx.execute("SELECT missing FROM grading_missing_inputs ORDER BY missing")
        return (0..<result.rowCount).compactMap { result.string($0, 0) }
    }

    /// Months of the year without applied tax or power data, and missing registry/parcels
    /// batches (the completeness gate of evaluation.md §1; details.md #28).
    public func missingInputs(year: Int, needsStatistics: Bool = false) throws -> [String] {
        if connection.inTransaction { return try Evaluator.missingInputs(year: year, needsStatistics: needsStatistics, in: connection) }
        return try connection.transaction { tx in
            try Evaluator.missingInputs(year: year, needsStatistics: needsStatistics, in: tx)
        }
    }

    /// Grades `year` under `policy` as a new run. `publish: true` is edition 1's direct
    /// publication (published_on = `today`, no decision number): the commands and job files
    /// refuse it under a profile that requires a notice (`PolicyProfile.requireNotice`,
    /// procedure.md §1), where `mujun notice` and `mujun publish` follow instead.
    public func evaluate(year: Int, policy: PolicyProfile, publish: Bool = false, allowIncomplete: Bool = false,
                         compare: Bool = false, madeBy: String, today: CalendarDay? = nil) throws -> EvaluationSummary {
        let steps = try Evaluator.steps()
        let today = try today ?? CalendarDay.today()
        return try connection.withLock(.evaluate) {
            // One snapshot for the whole run, and no batch applied while it reads (issue 16 item 1):
            // input_batch_ids lists exactly what its files read.
            try connection.transaction(.repeatableRead) { tx in
                try tx.holdAppliedExtracts()
                let missing = try Evaluator.missingInputs(year: year, needsStatistics: policy.weightsStatistics, in: tx)
                if !missing.isEmpty && !allowIncomplete {
                    throw GradingError(.incompleteYear, "year \(year) is incomplete: missing \(missing.joined(separator: ", ")); "
                                       + "load the missing extracts, or run with --allow-incomplete")
                }
                try policy.record(in: tx)
                var base: Int64?
                if compare {
                    let found = try tx.execute("""
                        SELECT run_id FROM runs.evaluation_runs WHERE year = $1
                        ORDER BY published DESC, run_id DESC LIMIT 1
                        """, [year])
                    guard found.rowCount == 1, let id = Int64(found.string(0, 0) ?? "") else {
                        throw GradingError(.nothingToCompare, "no evaluation run of \(year) to compare with; run mujun evaluate --year \(year) first")
                    }
                    base = id
                }
                let runID = Int64(try tx.execute("SELECT nextval('runs.evaluation_run_id_seq')").scalarInt())
                try tx.execute("""
                    INSERT INTO runs.evaluation_runs (run_id, year, policy_sha256, policy_name, started_at, input_batch_ids,
                                                      complete, missing_months, compared_with, made_by, computed_on)
                    SELECT $1, $2, $3, $4, $5::timestamptz,
                           coalesce(array_agg(batch_id ORDER BY batch_id), '{}'),
                           $6, $7::text[], $8, $9, $10::date
                    FROM runs.batches WHERE status = 'applied'
                    """, [runID, year, policy.sha256, policy.name, Date().sqlTimestamp, missing.isEmpty,
                          "{" + missing.map { "\"\($0)\"" }.joined(separator: ",") + "}", base.map(Int.init), madeBy,
                          today.description])
                // Province-scale sorts and hashes stay in memory (docs/benchmarks.md).
                var runner = SQLRunner(steps, settings: [("mujun.run_id", String(runID)), ("mujun.today", today.description),
                                                         ("work_mem", "256MB")], logger: logger)
                runner.afterEachScript = afterEachScript
                do {
                    try runner.run(in: tx)
                } catch let error as DatabaseError where error.sqlState == "MJ065" {
                    // 04_benchmarks.sql: a previous_year benchmark with no published row to read.
                    throw GradingError(.benchmarkUnavailable, error.message)
                }
                try tx.execute("UPDATE runs.evaluation_runs SET finished_at = $2::timestamptz WHERE run_id = $1",
                               [runID, Date().sqlTimestamp])
                if publish { _ = try Publication.record(runID, year: year, decisionNo: nil, on: today, in: tx) }

                var summary = EvaluationSummary(
                    runID: runID, year: year, policy: policy.name, policySHA256: policy.sha256,
                    complete: missing.isEmpty, missingMonths: missing, published: publish, grades: [:])
                let counts = try tx.execute("SELECT grade, count(*) FROM runs.enterprise_grades WHERE run_id = $1 GROUP BY grade", [runID])
                for r in 0..<counts.rowCount { summary.grades[counts.string(r, 0) ?? "?"] = Int(counts.string(r, 1) ?? "0") }
                let notes = try tx.execute("SELECT unnest(notes) FROM runs.evaluation_runs WHERE run_id = $1", [runID])
                summary.notes = (0..<notes.rowCount).compactMap { notes.string($0, 0) }
                if let base {
                    try storeComparison(tx, run: runID, base: base, into: &summary)
                }
                return summary
            }
        }
    }

    private func storeComparison(_ tx: Connection, run: Int64, base: Int64, into summary: inout EvaluationSummary) throws {
        try tx.execute("""
            INSERT INTO runs.grade_comparisons (run_id, base_run_id, from_grade, to_grade, enterprises)
            SELECT $1, $2, coalesce(b.grade, '-'), coalesce(n.grade, '-'), count(*)
            FROM (SELECT uscc, grade FROM runs.enterprise_grades WHERE run_id = $2) b
            FULL JOIN (SELECT uscc, grade FROM runs.enterprise_grades WHERE run_id = $1) n USING (uscc)
            GROUP BY 3, 4
            """, [run, base])
        summary.comparedWith = base
        let matrix = try tx.execute("""
            SELECT from_grade || '→' || to_grade, enterprises FROM runs.grade_comparisons
            WHERE run_id = $1 AND base_run_id = $2 ORDER BY 1
            """, [run, base])
        summary.matrix = Dictionary(uniqueKeysWithValues: (0..<matrix.rowCount).map {
            (matrix.string($0, 0) ?? "", Int(matrix.string($0, 1) ?? "0") ?? 0) })
        let moves = try tx.execute("""
            SELECT coalesce(n.uscc, b.uscc), coalesce(n.name, b.name), coalesce(b.grade, '-'), coalesce(n.grade, '-')
            FROM (SELECT uscc, name, grade FROM runs.enterprise_grades WHERE run_id = $2) b
            FULL JOIN (SELECT uscc, name, grade FROM runs.enterprise_grades WHERE run_id = $1) n USING (uscc)
            WHERE b.grade IS DISTINCT FROM n.grade
            ORDER BY coalesce(n.uscc, b.uscc) COLLATE "C"
            """, [run, base])
        let drivers = try tx.execute(try Evaluator.compareDrivers().sql, [run, base])
        var drivenBy: [String: String] = [:]
        for r in 0..<drivers.rowCount { drivenBy[drivers.string(r, 0) ?? ""] = drivers.string(r, 1) }
        summary.moves = (0..<moves.rowCount).map {
            let uscc = moves.string($0, 0) ?? ""
            return EvaluationSummary.Move(uscc: uscc, name: moves.string($0, 1) ?? "",
                                          from: moves.string($0, 2) ?? "", to: moves.string($0, 3) ?? "",
                                          drivenBy: drivenBy[uscc])
        }
        summary.drivers = drivenBy.values.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }
}
