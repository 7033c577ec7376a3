import ArgumentParser
import Foundation
import MujunDatabase

/// `mujun grant-region ROLE REGION…`: a township analyst's login sees these regions' rows.
struct GrantRegionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant-region",
        abstract: "Let a region analyst's login see the mart rows of these region codes.")

    @Argument(help: "The analyst's login role.") var role: String
    @Argument(help: "Region codes (区划代码).") var regions: [String]
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard !regions.isEmpty else { throw ValidationError("name at least one region code") }
    }

    func run() throws {
        try ExitStatus.run {
            let grants = RegionGrants(connection: try database.connect("grant-region"))
            try grants.grant(role: role, regions: regions, by: ProcessInfo.processInfo.environment["USER"] ?? "mujun")
            ExitStatus.printError("\(role) may see regions \(regions.joined(separator: ", "))")
            if try grants.isCountyWideAnalyst(role) {
                ExitStatus.printError("note: \(role) is also a member of mujun_analyst (county-wide); as a region analyst it now "
                    + "sees only its granted regions in the mart, whatever role it sets (SET ROLE does not widen it)")
            }
        }
    }
}

/// `mujun revoke-region ROLE [REGION…]`: takes regions back (all of them when none is named).
struct RevokeRegionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke-region",
        abstract: "Take region codes back from a region analyst's login (all when none is named).")

    @Argument(help: "The analyst's login role.") var role: String
    @Argument(help: "Region codes (区划代码).") var regions: [String] = []
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try ExitStatus.run {
            try RegionGrants(connection: try database.connect("revoke-region")).revoke(role: role, regions: regions)
            ExitStatus.printError(regions.isEmpty ? "\(role) may see no region" : "\(role) no longer sees \(regions.joined(separator: ", "))")
        }
    }
}
