import Foundation
import MujunDatabase

/// Vetoes (一票否决) and review results (复核) entered by an operator, with who, when, why and
/// the document number (spec evaluation.md §5). They apply to every later run of their year.
public struct OperatorEntries {
    public struct Entry: Sendable, Codable, Equatable {
        public let kind: String        // "veto" or "review"
        public let id: Int64
        public let year: Int
        public let uscc: String
        public let grade: String       // the veto's target (C/D) or the review's grade
        public let reason: String
        public let documentNo: String?
        public let madeBy: String
        public let madeAt: String

        enum CodingKeys: String, CodingKey {
            case kind, id, year, uscc, grade, reason, documentNo = "document_no", madeBy = "made_by", madeAt = "made_at"
        }
    }

    public let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    public func veto(year: Int, uscc: String, to grade: String, reason: String, documentNo: String?,
                     madeBy: String, at time: Date = Date()) throws -> Int64 {
        guard grade == "C" || grade == "D" else { throw GradingError(.badEntry, "a veto sets C or D, not \(grade)") }
        return try insert("""
            INSERT INTO runs.grade_vetoes (year, uscc, to_grade, reason, document_no, made_by, made_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz) RETURNING veto_id
            """, [year, uscc, grade, reason, documentNo, madeBy, time.sqlTimestamp])
    }

    /// Records a review result. With `objection`, the review answers that objection (procedure.md
    /// §1): year and uscc must be the objection's (else exit 64), the objection must be open (else
    /// exit 65), and its enterprise graded A–D in the run under notice (N, T and exempted rows are
    /// answered by dismissing, details.md #119). Entry and answer are one transaction.
    public func review(year: Int, uscc: String, grade: String, reason: String, documentNo: String?,
                       madeBy: String, at time: Date = Date(), objection: Int64? = nil) throws -> Int64 {
        guard ["A", "B", "C", "D"].contains(grade) else { throw GradingError(.badEntry, "a review sets A, B, C or D, not \(grade)") }
        let sql = """
            INSERT INTO runs.grade_reviews (year, uscc, grade, reason, document_no, made_by, made_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz) RETURNING review_id
            """
        let parameters: [any SQLParameter] = [year, uscc, grade, reason, documentNo, madeBy, time.sqlTimestamp]
        guard let objection else { return try insert(sql, parameters) }
        return try connection.withLock(.operatorEntry) {
            try connection.transaction { tx in
                // A mismatch is a usage error (exit 64) whatever the objection's state (details.md #129).
                if let owner = try Objections.list(where: "o.objection_id = $1", [objection], in: tx).first,
                   owner.year != year || owner.uscc != uscc {
                    throw GradingError(.mismatch, "objection #\(objection) is \(owner.uscc)'s for \(owner.year), "
                                       + "not \(uscc)'s for \(year)")
                }
                let owner = try Objections.requireOpen(objection, in: tx)
                guard owner.year == year, owner.uscc == uscc else {
                    throw GradingError(.mismatch, "objection #\(objection) is \(owner.uscc)'s for \(owner.year), "
                                       + "not \(uscc)'s for \(year)")
                }
                let row = try tx.execute("""
                    SELECT g.computed_grade, g.exempted FROM runs.objections o
                    JOIN runs.notices n ON n.notice_id = o.notice_id
                    JOIN runs.enterprise_grades g ON g.run_id = n.run_id AND g.uscc = o.uscc
                    WHERE o.objection_id = $1
                    """, [objection])
                let exempted = row.rowCount == 1 ? try row.bool(0, "exempted") == true : false
                if row.rowCount == 1, let computed = try row.string(0, "computed_grade"),
                   !["A", "B", "C", "D"].contains(computed) || exempted {
                    throw GradingError(.refused, "\(uscc) is \(computed) in the run under notice: a review never changes N, T "
                                       + "or exempted rows; answer with mujun objection answer \(objection) --dismiss")
                }
                let id = Int64(try tx.execute(sql, parameters).scalarInt())
                try tx.execute("""
                    UPDATE runs.objections SET review_id = $2, answer_reason = $3, answer_document_no = $4,
                                               answered_by = $5, answered_at = $6::timestamptz
                    WHERE objection_id = $1
                    """, [objection, Int(id), reason, documentNo, madeBy, time.sqlTimestamp])
                return id
            }
        }
    }

    private func insert(_ sql: String, _ parameters: [any SQLParameter]) throws -> Int64 {
        try connection.withLock(.operatorEntry) {
            Int64(try connection.execute(sql, parameters).scalarInt())
        }
    }

    /// Every veto and review, oldest first (optionally of one year).
    public func list(year: Int?) throws -> [Entry] {
        let result = try connection.execute("""
            SELECT 'veto' AS kind, veto_id AS id, year, uscc, to_grade AS grade, reason, document_no, made_by,
                   to_char(made_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS made_at, made_at AS at
            FROM runs.grade_vetoes WHERE $1::int IS NULL OR year = $1::int
            UNION ALL
            SELECT 'review', review_id, year, uscc, grade, reason, document_no, made_by,
                   to_char(made_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), made_at
            FROM runs.grade_reviews WHERE $1::int IS NULL OR year = $1::int
            ORDER BY at, kind, id
            """, [year])
        return try (0..<result.rowCount).map { r in
            Entry(kind: try result.string(r, "kind") ?? "", id: Int64(try result.int(r, "id") ?? 0),
                  year: try result.int(r, "year") ?? 0, uscc: try result.string(r, "uscc") ?? "",
                  grade: try result.string(r, "grade") ?? "", reason: try result.string(r, "reason") ?? "",
                  documentNo: try result.string(r, "document_no"), madeBy: try result.string(r, "made_by") ?? "",
                  madeAt: try result.string(r, "made_at") ?? "")
        }
    }
}
