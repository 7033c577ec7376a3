import Foundation

/// Which region codes a region analyst's login may see in the mart (spec security.md):
/// `mujun grant-region` / `mujun revoke-region`. Changes take effect with the login's next query.
public struct RegionGrants {
    public let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// Grants `regions` to the login `role`, making it a member of `mujun_region_analyst` if it
    /// is not yet. The role must exist: its name is checked against `pg_roles` and quoted by
    /// the server (`format('%I')`), never spliced into SQL as given.
    public func grant(role: String, regions: [String], by: String, at time: Date = Date()) throws {
        try connection.withLock(.operatorEntry) {
            try connection.transaction { tx in
                try requireRole(role, tx)
                let member = try tx.execute("SELECT pg_has_role($1::name, 'mujun_region_analyst', 'MEMBER')", [role]).scalar()
                if member != "t" {
                    let grant = try tx.execute("SELECT format('GRANT mujun_region_analyst TO %I', $1::text)", [role]).scalar()!
                    try tx.execute(grant)
                }
                for region in regions {
                    try tx.execute("""
                        INSERT INTO runs.region_grants (role_name, region_code, granted_by, granted_at)
                        VALUES ($1, $2, $3, $4::timestamptz) ON CONFLICT DO NOTHING
                        """, [role, region, by, time.sqlTimestamp])
                }
            }
        }
    }

    /// Removes `regions` (all of the role's regions when empty) from the login `role`.
    public func revoke(role: String, regions: [String]) throws {
        try connection.withLock(.operatorEntry) {
            try connection.transaction { tx in
                try requireRole(role, tx)
                if regions.isEmpty {
                    try tx.execute("DELETE FROM runs.region_grants WHERE role_name = $1", [role])
                } else {
                    // One parameter per code: a code is free text (extracts.md), so building an
                    // array literal from it broke on a backslash (issue 16 item 11).
                    for region in regions {
                        try tx.execute("DELETE FROM runs.region_grants WHERE role_name = $1 AND region_code = $2", [role, region])
                    }
                }
            }
        }
    }

    /// Whether `role` is also a member of mujun_analyst (county-wide). Granting it regions makes
    /// it a region analyst, and a region analyst sees only its regions whatever else it holds
    /// (`mart.region_restricted()` judges the login, `session_user`): the command says so.
    public func isCountyWideAnalyst(_ role: String) throws -> Bool {
        try connection.execute("SELECT pg_has_role($1::name, 'mujun_analyst', 'MEMBER')", [role]).scalar() == "t"
    }

    /// The region codes granted to a role.
    public func regions(of role: String) throws -> [String] {
        let r = try connection.execute("SELECT region_code FROM runs.region_grants WHERE role_name = $1 ORDER BY 1", [role])
        return (0..<r.rowCount).compactMap { r.string($0, 0) }
    }

    private func requireRole(_ role: String, _ tx: Connection) throws {
        guard try tx.execute("SELECT count(*) FROM pg_roles WHERE rolname = $1", [role]).scalarInt() == 1 else {
            throw DatabaseError(.unexpectedResult, message: "no role named \"\(role)\" (create the login first: CREATE ROLE … LOGIN)")
        }
    }
}
