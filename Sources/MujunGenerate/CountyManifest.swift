import Foundation
import MujunCore

/// `manifest.json`: what a generated county holds — its files with their kinds, formats, row
/// counts and planted bad rows, and counts of what was planted in the data (archetypes,
/// parcel situations, power-account link styles), so that a test or a reader can check the
/// pipeline found exactly what is there.
public struct CountyManifest: Sendable, Codable, Equatable {
    public struct File: Sendable, Codable, Equatable {
        public var name: String
        public var kind: ExtractKind
        public var format: ExtractFormat
        /// Data rows, planted bad rows included.
        public var rows: Int
        public var plantedRejects: [PlantedReject]

        enum CodingKeys: String, CodingKey {
            case name, kind, format, rows
            case plantedRejects = "planted_rejects"
        }
    }

    public var generator = "mujun generate"
    public var seed: UInt64
    public var enterprises: Int
    public var firstYear: Int
    public var lastYear: Int
    public var asOf: String
    public var files: [File]
    /// All planted bad rows, every file together.
    public var plantedRejects: Int
    public var parcels: Int
    /// Parcels by `ParcelSituation` as of `as_of`.
    public var parcelSituations: [String: Int]
    /// Parcels under judicial seizure, with a determination document, of 仓储 use, under 3 mu.
    public var parcelMarks: [String: Int]
    public var archetypes: [String: Int]
    /// Registry statuses (English codes).
    public var statuses: [String: Int]
    public var aboveScale: Int
    /// Power accounts by the `link_method` that `core.power_account_links` should show.
    public var powerAccountLinks: [String: Int]
    public var waterAccounts: Int
    public var manualMappings: Int

    enum CodingKeys: String, CodingKey {
        case generator, seed, enterprises, files, parcels, archetypes, statuses
        case firstYear = "first_year"
        case lastYear = "last_year"
        case asOf = "as_of"
        case plantedRejects = "planted_rejects"
        case parcelSituations = "parcel_situations"
        case parcelMarks = "parcel_marks"
        case aboveScale = "above_scale"
        case powerAccountLinks = "power_account_links"
        case waterAccounts = "water_accounts"
        case manualMappings = "manual_mappings"
    }

    /// The manifest as JSON with sorted keys: the same county gives the same bytes.
    public func json() throws -> Data {
        try JSONEncoder.sortedPretty.encodeFile(self)
    }
}
