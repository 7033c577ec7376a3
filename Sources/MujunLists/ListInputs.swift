import MujunCore
import MujunDatabase

/// What a list dated L is made from (details.md #44, #64, #113, #114): the publication in force
/// on L of the latest year Y < year(L) published on or before L, and the current flag run of
/// the latest as-of date ≤ L (the highest run id of that date). Either may be missing.
public struct ListInputs: Sendable, Equatable, Codable {
    public var evaluationRunID: Int64?
    public var evaluationYear: Int?
    public var flagRunID: Int64?
    public var flagAsOf: String?

    enum CodingKeys: String, CodingKey {
        case evaluationRunID = "evaluation_run", evaluationYear = "evaluation_year"
        case flagRunID = "flag_run", flagAsOf = "flag_as_of"
    }

    /// The inputs of a list dated `date`, as the database holds them now.
    public static func resolve(on date: CalendarDay, in connection: Connection) throws -> ListInputs {
        var inputs = ListInputs()
        let evaluation = try connection.execute("""
            SELECT run_id, year FROM runs.evaluation_runs
            WHERE finished_at IS NOT NULL AND year < $1
              AND published_on <= $2::date AND (replaced_on IS NULL OR replaced_on > $2::date)
            ORDER BY year DESC, run_id DESC LIMIT 1
            """, [date.year, date.description])
        if evaluation.rowCount == 1 {
            inputs.evaluationRunID = try evaluation.string(0, "run_id").flatMap { Int64($0) }
            inputs.evaluationYear = try evaluation.int(0, "year")
        }
        let flag = try connection.execute("""
            SELECT run_id, to_char(as_of, 'YYYY-MM-DD') AS as_of FROM runs.flag_runs
            WHERE finished_at IS NOT NULL AND as_of <= $1::date
            ORDER BY as_of DESC, run_id DESC LIMIT 1
            """, [date.description])
        if flag.rowCount == 1 {
            inputs.flagRunID = try flag.string(0, "run_id").flatMap { Int64($0) }
            inputs.flagAsOf = try flag.string(0, "as_of")
        }
        return inputs
    }
}
