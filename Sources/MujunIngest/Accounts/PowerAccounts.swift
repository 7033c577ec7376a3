import Foundation
import MujunDatabase

/// Power accounts and their links to enterprises (spec extracts.md `power`, details.md #23–25,
/// #52): what `mujun accounts` lists and what an operator maps by hand.
public struct PowerAccounts {
    public struct Account: Sendable, Codable, Equatable {
        public var accountNo: String
        public var accountName: String?
        public var extractUSCC: String?
        public var uscc: String?
        public var linkMethod: String
        public var latestPeriod: String?

        enum CodingKeys: String, CodingKey {
            case accountNo = "account_no", accountName = "account_name", extractUSCC = "extract_uscc"
            case uscc, linkMethod = "link_method", latestPeriod = "latest_period"
        }
    }

    public let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// Accounts by link method; `unlinkedOnly` lists those that need a manual mapping
    /// (`ambiguous`, `unmatched`).
    public func list(unlinkedOnly: Bool) throws -> [Account] {
        let result = try connection.execute("""
            SELECT account_no, account_name, extract_uscc, uscc, link_method, to_char(latest_period, 'YYYY-MM') AS latest_period
            FROM core.power_account_links
            WHERE NOT $1::boolean OR link_method IN ('ambiguous', 'unmatched')
            ORDER BY account_no COLLATE "C"
            """, [unlinkedOnly])
        return try (0..<result.rowCount).map { r in
            Account(accountNo: try result.string(r, "account_no") ?? "", accountName: try result.string(r, "account_name"),
                    extractUSCC: try result.string(r, "extract_uscc"), uscc: try result.string(r, "uscc"),
                    linkMethod: try result.string(r, "link_method") ?? "", latestPeriod: try result.string(r, "latest_period"))
        }
    }

    /// Records a manual mapping (or, with `uscc` nil, removes the manual mapping) with who,
    /// when and why. A mapping wins over automatic linking and may name a uscc not (yet) in
    /// the registry (details.md #52).
    public func record(accountNo: String, uscc: String?, reason: String, documentNo: String?,
                       madeBy: String, at time: Date = Date()) throws {
        try connection.withLock(.operatorEntry) {
            try connection.execute("""
                INSERT INTO runs.account_mappings (account_no, uscc, reason, document_no, made_by, made_at)
                VALUES ($1, $2, $3, $4, $5, $6::timestamptz)
                """, [accountNo, uscc, reason, documentNo, madeBy, time.sqlTimestamp])
        }
    }
}
