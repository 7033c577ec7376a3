/// The six kinds of extract (spec extracts.md "Kinds", indicators.md §1), in the order a drop
/// folder loads them when their as-of dates are equal (details.md #72, #96).
///
/// Here, not in the loader, because the generator writes the same kinds; what the loader knows
/// of each (columns, keys, tables) is its own extension, `ExtractKind+Columns.swift`.
public enum ExtractKind: String, Sendable, CaseIterable, Codable {
    case registry
    case parcels
    case accounts
    case tax
    case power
    /// 统计 / 发改 / 生态环境 annual data per enterprise (edition 2, spec indicators.md §1).
    case statistics

    /// The file-name prefixes of each kind in a drop folder: its name, and `stats` for
    /// statistics (details.md #96).
    public var fileNamePrefixes: [String] { self == .statistics ? ["statistics", "stats"] : [rawValue] }

    /// The kind named by a drop-folder file's prefix (case-insensitive), if any.
    public static func fromFileName(_ name: String) -> ExtractKind? {
        let lower = name.lowercased()
        return allCases.first { kind in kind.fileNamePrefixes.contains { lower.hasPrefix($0) } }
    }

    /// The kind's history table in core (one partition per applied batch): where the loader
    /// attaches a batch and what the runs read (`Connection.holdAppliedExtracts`).
    public var historyTable: String {
        switch self {
        case .registry: return "core.registry_rows"
        case .tax: return "core.tax_rows"
        case .power: return "core.power_rows"
        case .parcels: return "core.parcel_rows"
        case .accounts: return "core.account_rows"
        case .statistics: return "core.statistics_rows"
        }
    }
}
