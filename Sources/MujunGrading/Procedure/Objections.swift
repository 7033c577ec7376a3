import Foundation
import MujunCore
import MujunDatabase

/// Objections (异议) to a run under notice (procedure.md §1; details.md #95, #119; seed
/// 003_a0174000c3a42330.txt 三: the result is fed back to the firm, which has one chance of
/// re-verification). Accepted only within the notice period (逾期视为无异议), one per enterprise
/// and year, answered by a review (`review set --objection ID`) or dismissed.
public struct Objections {
    public struct Objection: Sendable, Codable, Equatable {
        public let id: Int64
        public let year: Int
        public let uscc: String
        public let name: String?
        public let receivedOn: String
        /// The run now under notice for it (its notice's run; moved on withdrawal, details.md #119).
        public let runID: Int64
        /// `open`, `answered` (by a review) or `dismissed`.
        public let state: String
        public let reviewID: Int64?
        public let reason: String
        public let documentNo: String?
        public let enteredBy: String

        enum CodingKeys: String, CodingKey {
            case id, year, uscc, name, receivedOn = "received_on", runID = "run_id", state, reviewID = "review_id"
            case reason, documentNo = "document_no", enteredBy = "entered_by"
        }
    }

    public let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// Records an objection received on `received` by the enterprise `uscc` against year `year`.
    public func add(year: Int, uscc: String, received: CalendarDay, by: String, reason: String,
                    documentNo: String?, today: CalendarDay) throws -> Objection {
        try connection.withLock(.operatorEntry) {
            try connection.transaction { tx in
                guard received <= today else {
                    throw GradingError(.refused, "received \(received) is after today (\(today))")
                }
                // The open notice of the year: neither withdrawn nor published.
                let notice = try tx.execute("""
                    SELECT n.notice_id, n.run_id, to_char(n.notice_from, 'YYYY-MM-DD') AS notice_from,
                           to_char(n.notice_until, 'YYYY-MM-DD') AS notice_until
                    FROM runs.notices n JOIN runs.evaluation_runs r ON r.run_id = n.run_id
                    WHERE n.year = $1 AND n.withdrawn_on IS NULL AND r.published_on IS NULL
                    """, [year])
                guard notice.rowCount == 1, let noticeID = try notice.string(0, "notice_id").flatMap({ Int64($0) }),
                      let runID = try notice.string(0, "run_id").flatMap({ Int64($0) }),
                      let from = try notice.string(0, "notice_from").flatMap(CalendarDay.init),
                      let until = try notice.string(0, "notice_until").flatMap(CalendarDay.init) else {
                    let last = try tx.execute("""
                        SELECT to_char(notice_from, 'YYYY-MM-DD') || '–' || to_char(notice_until, 'YYYY-MM-DD')
                        FROM runs.notices WHERE year = $1 ORDER BY notice_id DESC LIMIT 1
                        """, [year])
                    throw GradingError(.refused, "no run of \(year) is under notice"
                                       + (last.string(0, 0).map { " (the last notice of \(year) ran \($0); 逾期视为无异议)" } ?? ""))
                }
                guard from <= received && received <= until else {
                    throw GradingError(.refused, "received \(received) is outside the notice period of \(year), \(from)–\(until) "
                                       + "(run \(runID)): 逾期视为无异议")
                }
                let row = try tx.execute("SELECT name FROM runs.enterprise_grades WHERE run_id = $1 AND uscc = $2", [runID, uscc])
                guard row.rowCount == 1 else {
                    throw GradingError(.refused, "\(uscc) has no row in run \(runID) under notice for \(year)")
                }
                let earlier = try tx.execute("""
                    SELECT objection_id, to_char(received_on, 'YYYY-MM-DD') FROM runs.objections WHERE year = $1 AND uscc = $2
                    """, [year, uscc])
                if earlier.rowCount == 1 {
                    throw GradingError(.refused, "\(uscc) already objected to \(year) (objection #\(earlier.string(0, 0) ?? ""), "
                                       + "received \(earlier.string(0, 1) ?? "")): one re-verification per enterprise and year (seed 003 三)")
                }
                let id = Int64(try tx.execute("""
                    INSERT INTO runs.objections (year, uscc, received_on, entered_by, entered_at, reason, document_no,
                                                 received_run_id, notice_id)
                    VALUES ($1, $2, $3::date, $4, clock_timestamp(), $5, $6, $7, $8) RETURNING objection_id
                    """, [year, uscc, received.description, by, reason, documentNo, runID, noticeID]).scalarInt())
                return try Objections.list(where: "o.objection_id = $1", [id], in: tx)[0]
            }
        }
    }

    /// The objections, oldest first; `open` only those not answered.
    public func list(year: Int?, open: Bool = false) throws -> [Objection] {
        try Objections.list(where: "($1::int IS NULL OR o.year = $1::int) AND (NOT $2::boolean OR o.answered_at IS NULL)",
                            [year, open], in: connection)
    }

    /// One objection, or nil.
    public func find(_ id: Int64) throws -> Objection? {
        try Objections.list(where: "o.objection_id = $1", [id], in: connection).first
    }

    /// Answers an objection without a review (the only answer for N, T and exempted rows,
    /// details.md #119): the grade stands.
    public func dismiss(_ id: Int64, reason: String, documentNo: String?, by: String) throws -> Objection {
        try connection.withLock(.operatorEntry) {
            try connection.transaction { tx in
                try Objections.requireOpen(id, in: tx)
                try tx.execute("""
                    UPDATE runs.objections SET dismissed = true, answer_reason = $2, answer_document_no = $3,
                                               answered_by = $4, answered_at = $5::timestamptz
                    WHERE objection_id = $1
                    """, [id, reason, documentNo, by, Date().sqlTimestamp])
                return try Objections.list(where: "o.objection_id = $1", [id], in: tx)[0]
            }
        }
    }

    /// Refuses (exit 65) an unknown or already answered objection; returns its year and uscc.
    @discardableResult
    static func requireOpen(_ id: Int64, in tx: Connection) throws -> (year: Int, uscc: String) {
        let row = try tx.execute("""
            SELECT year, uscc, answered_at IS NOT NULL AS answered, review_id FROM runs.objections
            WHERE objection_id = $1 FOR UPDATE
            """, [id])
        guard row.rowCount == 1, let year = try row.int(0, "year"), let uscc = try row.string(0, "uscc") else {
            throw GradingError(.entryState, "no objection #\(id)")
        }
        if try row.bool(0, "answered") == true {
            throw GradingError(.entryState, "objection #\(id) is already answered"
                               + ((try row.string(0, "review_id")).map { " (review \($0))" } ?? " (dismissed)"))
        }
        return (year, uscc)
    }

    static func list(where condition: String, _ parameters: [any SQLParameter], in c: Connection) throws -> [Objection] {
        let result = try c.execute("""
            SELECT o.objection_id, o.year, o.uscc, g.name, to_char(o.received_on, 'YYYY-MM-DD') AS received_on,
                   n.run_id, CASE WHEN o.review_id IS NOT NULL THEN 'answered' WHEN o.dismissed THEN 'dismissed' ELSE 'open' END AS state,
                   o.review_id, o.reason, o.document_no, o.entered_by
            FROM runs.objections o
            JOIN runs.notices n ON n.notice_id = o.notice_id
            LEFT JOIN runs.enterprise_grades g ON g.run_id = n.run_id AND g.uscc = o.uscc
            WHERE \(condition)
            ORDER BY o.objection_id
            """, parameters)
        return try (0..<result.rowCount).map { r in
            Objection(id: Int64(try result.int(r, "objection_id") ?? 0), year: try result.int(r, "year") ?? 0,
                      uscc: try result.string(r, "uscc") ?? "", name: try result.string(r, "name"),
                      receivedOn: try result.string(r, "received_on") ?? "",
                      runID: Int64(try result.int(r, "run_id") ?? 0), state: try result.string(r, "state") ?? "",
                      reviewID: try result.string(r, "review_id").flatMap { Int64($0) },
                      reason: try result.string(r, "reason") ?? "", documentNo: try result.string(r, "document_no"),
                      enteredBy: try result.string(r, "entered_by") ?? "")
        }
    }
}
