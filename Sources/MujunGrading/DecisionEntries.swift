import Foundation
import MujunDatabase

/// Adjustments (加分项/减分项) and exemptions (暂不评价) entered by an operator (spec
/// indicators.md §4, §5; details.md #94, #129): each with its document number, who, when and
/// why. They apply to every later run of their year until revoked; a revoked entry stays in the
/// audit trail (`runs.grade_adjustments`, `runs.grade_exemptions`, `mart.operator_entries`).
public struct DecisionEntries {
    public enum Kind: String, Sendable, Codable {
        case adjustment, exemption

        var table: String { self == .adjustment ? "runs.grade_adjustments" : "runs.grade_exemptions" }
        var idColumn: String { self == .adjustment ? "adjustment_id" : "exemption_id" }
    }

    public struct Entry: Sendable, Codable, Equatable {
        public let kind: Kind
        public let id: Int64
        public let year: Int
        public let uscc: String
        /// Signed points, 2 decimals (adjustments only).
        public let points: String?
        public let item: String?
        public let documentNo: String
        public let reason: String
        public let enteredBy: String
        public let enteredAt: String
        public let revokedAt: String?
        public let revokedBy: String?
        public let revokeReason: String?

        enum CodingKeys: String, CodingKey {
            case kind, id, year, uscc, points, item, documentNo = "document_no", reason, enteredBy = "entered_by"
            case enteredAt = "entered_at", revokedAt = "revoked_at", revokedBy = "revoked_by", revokeReason = "revoke_reason"
        }
    }

    public let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// Signed points with at most 2 decimals and 6 integer digits (details.md #129): `+2`, `-1.5`.
    public static func isValidPoints(_ points: String) -> Bool {
        points.range(of: #"^[+-]?[0-9]{1,6}(\.[0-9]{1,2})?$"#, options: .regularExpression) != nil
    }

    /// Records an adjustment; `points` is signed with at most 2 decimals (details.md #129).
    public func adjust(year: Int, uscc: String, points: String, item: String, documentNo: String, reason: String,
                       enteredBy: String, at time: Date = Date()) throws -> Int64 {
        guard DecisionEntries.isValidPoints(points) else {
            throw GradingError(.badEntry, "--points is a signed number with at most 2 decimals, e.g. +2 or -1.5; got \(points)")
        }
        return try insert("""
            INSERT INTO runs.grade_adjustments (year, uscc, points, item, document_no, reason, entered_by, entered_at)
            VALUES ($1, $2, $3::numeric, $4, $5, $6, $7, $8::timestamptz) RETURNING adjustment_id
            """, [year, uscc, points.hasPrefix("+") ? String(points.dropFirst()) : points, item, documentNo, reason,
                  enteredBy, time.sqlTimestamp])
    }

    /// Records an exemption: the enterprise is graded T `exempted` by later runs of the year.
    public func exempt(year: Int, uscc: String, documentNo: String, reason: String, enteredBy: String,
                       at time: Date = Date()) throws -> Int64 {
        try insert("""
            INSERT INTO runs.grade_exemptions (year, uscc, document_no, reason, entered_by, entered_at)
            VALUES ($1, $2, $3, $4, $5, $6::timestamptz) RETURNING exemption_id
            """, [year, uscc, documentNo, reason, enteredBy, time.sqlTimestamp])
    }

    /// Revokes an entry: it stays in the audit trail and stops applying to later runs. An
    /// unknown id, or one already revoked, is refused (exit 65) and nothing changes.
    public func revoke(_ kind: Kind, id: Int64, reason: String, by: String, at time: Date = Date()) throws {
        try connection.withLock(.operatorEntry) {
            let result = try connection.execute("""
                UPDATE \(kind.table) SET revoked_at = $2::timestamptz, revoked_by = $3, revoke_reason = $4
                WHERE \(kind.idColumn) = $1 AND revoked_at IS NULL RETURNING year
                """, [Int(id), time.sqlTimestamp, by, reason])
            guard result.rowCount == 1 else {
                let exists = try connection.execute("SELECT 1 FROM \(kind.table) WHERE \(kind.idColumn) = $1", [Int(id)]).rowCount == 1
                throw GradingError(.entryState, exists ? "\(kind.rawValue) \(id) is already revoked"
                                                       : "no \(kind.rawValue) \(id)")
            }
        }
    }

    /// Every entry of the kind, oldest first (optionally of one year), revoked ones included.
    public func list(_ kind: Kind, year: Int?) throws -> [Entry] {
        let extra = kind == .adjustment ? "to_char(points, 'FMS999990.00'), item" : "NULL::text, NULL::text"
        let result = try connection.execute("""
            SELECT \(kind.idColumn), year, uscc, \(extra), document_no, reason, entered_by,
                   to_char(entered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                   to_char(revoked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), revoked_by, revoke_reason
            FROM \(kind.table) WHERE $1::int IS NULL OR year = $1::int
            ORDER BY entered_at, \(kind.idColumn)
            """, [year])
        return (0..<result.rowCount).map { r in
            Entry(kind: kind, id: Int64(result.string(r, 0) ?? "0") ?? 0, year: Int(result.string(r, 1) ?? "0") ?? 0,
                  uscc: result.string(r, 2) ?? "", points: result.string(r, 3), item: result.string(r, 4),
                  documentNo: result.string(r, 5) ?? "", reason: result.string(r, 6) ?? "",
                  enteredBy: result.string(r, 7) ?? "", enteredAt: result.string(r, 8) ?? "",
                  revokedAt: result.string(r, 9), revokedBy: result.string(r, 10), revokeReason: result.string(r, 11))
        }
    }

    private func insert(_ sql: String, _ parameters: [any SQLParameter]) throws -> Int64 {
        try connection.withLock(.operatorEntry) {
            Int64(try connection.execute(sql, parameters).scalarInt())
        }
    }
}
