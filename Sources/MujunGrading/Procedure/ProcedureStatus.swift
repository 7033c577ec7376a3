import Foundation
import MujunDatabase

/// What `mujun status` shows of the procedure (procedure.md §5; details.md #119, #130): runs
/// under notice with their period, their objections open and answered and the day the next list
/// would take their grades from, and the publications in force with their decision numbers.
/// It never changes the exit code of `status`.
public struct ProcedureStatus: Sendable, Codable {
    public struct Notice: Sendable, Codable {
        public var runID: Int64
        public var year: Int
        public var noticeFrom: String
        public var noticeUntil: String
        public var objectionsOpen: Int
        public var objectionsAnswered: Int
        /// max(Y+1-01-01, notice_until + 1 + effective_lead_days) (details.md #130).
        public var nextEffective: String

        enum CodingKeys: String, CodingKey {
            case runID = "run_id", year, noticeFrom = "notice_from", noticeUntil = "notice_until"
            case objectionsOpen = "objections_open", objectionsAnswered = "objections_answered", nextEffective = "next_effective"
        }
    }

    public struct Publication: Sendable, Codable {
        public var year: Int
        public var runID: Int64
        public var publishedOn: String
        public var decisionNo: String?

        enum CodingKeys: String, CodingKey { case year, runID = "run_id", publishedOn = "published_on", decisionNo = "decision_no" }
    }

    /// Flagged (IDLE-*/INEFF-*) parcels of the latest flag run by township: determined (认定) by
    /// today or still suspected (procedure.md §3, §5).
    public struct FlaggedParcels: Sendable, Codable {
        public var regionCode: String
        public var determined: Int
        public var undetermined: Int

        enum CodingKeys: String, CodingKey { case regionCode = "region_code", determined, undetermined }
    }

    public var underNotice: [Notice]
    public var published: [Publication]
    public var flagRun: Int64?
    public var flaggedParcels: [FlaggedParcels]

    enum CodingKeys: String, CodingKey {
        case underNotice = "under_notice", published, flagRun = "flag_run", flaggedParcels = "flagged_parcels"
    }

    public init(underNotice: [Notice], published: [Publication], flagRun: Int64? = nil, flaggedParcels: [FlaggedParcels] = []) {
        self.underNotice = underNotice
        self.published = published
        self.flagRun = flagRun
        self.flaggedParcels = flaggedParcels
    }

    public static func collect(_ connection: Connection, today: String) throws -> ProcedureStatus {
        let notices = try connection.execute("""
            SELECT n.run_id, n.year, to_char(n.notice_from, 'YYYY-MM-DD'), to_char(n.notice_until, 'YYYY-MM-DD'),
                   (SELECT count(*) FROM runs.objections o WHERE o.notice_id = n.notice_id AND o.answered_at IS NULL),
                   (SELECT count(*) FROM runs.objections o WHERE o.notice_id = n.notice_id AND o.answered_at IS NOT NULL),
                   to_char(greatest(make_date(n.year + 1, 1, 1),
                                    n.notice_until + 1 + coalesce((p.content #>> '{evaluation,effective_lead_days}')::int, 0)),
                           'YYYY-MM-DD')
            FROM runs.notices n
            JOIN runs.evaluation_runs r ON r.run_id = n.run_id
            JOIN runs.policy_profiles p ON p.sha256 = r.policy_sha256
            WHERE n.withdrawn_on IS NULL AND r.published_on IS NULL
            ORDER BY n.year, n.notice_id
            """)
        let publications = try connection.execute("""
            SELECT year, run_id, to_char(published_on, 'YYYY-MM-DD'), decision_no
            FROM runs.evaluation_runs WHERE published ORDER BY year
            """)
        // The parcel rows the latest flag run saw (details.md #122), determined by today or not.
        let flagged = try connection.execute("""
            WITH run AS (
                SELECT r.run_id, f.last_batch_id FROM runs.current_flag_runs r JOIN runs.flag_runs f USING (run_id)
                ORDER BY r.as_of DESC LIMIT 1
            ), parcels AS (
                SELECT DISTINCT pf.parcel_id, pf.region_code FROM runs.parcel_flags pf JOIN run USING (run_id)
                WHERE pf.flag_code LIKE 'IDLE-%' OR pf.flag_code LIKE 'INEFF-%'
            ), seen AS (
                SELECT DISTINCT ON (p.parcel_id) p.parcel_id, p.determination_no, p.determined_on
                FROM core.parcel_rows p CROSS JOIN run
                WHERE p.batch_id <= run.last_batch_id AND p.parcel_id IN (SELECT parcel_id FROM parcels)
                ORDER BY p.parcel_id, p.as_of DESC, p.batch_id DESC
            )
            SELECT (SELECT run_id FROM run), x.region_code,
                   count(*) FILTER (WHERE core.determined(s.determination_no, s.determined_on, $1::date)),
                   count(*) FILTER (WHERE NOT coalesce(core.determined(s.determination_no, s.determined_on, $1::date), false))
            FROM parcels x LEFT JOIN seen s USING (parcel_id)
            GROUP BY x.region_code ORDER BY x.region_code COLLATE "C"
            """, [today])
        return ProcedureStatus(
            underNotice: (0..<notices.rowCount).map { r in
                Notice(runID: Int64(notices.string(r, 0) ?? "") ?? 0, year: Int(notices.string(r, 1) ?? "") ?? 0,
                       noticeFrom: notices.string(r, 2) ?? "", noticeUntil: notices.string(r, 3) ?? "",
                       objectionsOpen: Int(notices.string(r, 4) ?? "") ?? 0,
                       objectionsAnswered: Int(notices.string(r, 5) ?? "") ?? 0, nextEffective: notices.string(r, 6) ?? "")
            },
            published: (0..<publications.rowCount).map { r in
                Publication(year: Int(publications.string(r, 0) ?? "") ?? 0, runID: Int64(publications.string(r, 1) ?? "") ?? 0,
                            publishedOn: publications.string(r, 2) ?? "", decisionNo: publications.string(r, 3))
            },
            flagRun: flagged.rowCount > 0 ? flagged.string(0, 0).flatMap { Int64($0) } : nil,
            flaggedParcels: (0..<flagged.rowCount).map { r in
                FlaggedParcels(regionCode: flagged.string(r, 1) ?? "", determined: Int(flagged.string(r, 2) ?? "") ?? 0,
                               undetermined: Int(flagged.string(r, 3) ?? "") ?? 0)
            })
    }
}
