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

    public func review(year: Int, uscc: String, grade: String, reason: String, documentNo: String?,
                       madeBy: String, at time: Date = Date()) throws -> Int64 {
        guard ["A", "B", "C", "D"].contains(grade) else { throw GradingError(.badEntry, "a review sets A, B, C or D, not \(grade)") }
        return try insert("""
            INSERT INTO runs.grade_reviews (year, uscc, grade, reason, document_no, made_by, made_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz) RETURNING review_id
            """, [year, uscc, grade, reason, documentNo, madeBy, time.sqlTimestamp])
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
