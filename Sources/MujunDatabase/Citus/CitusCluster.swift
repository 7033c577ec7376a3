/// What Mujun needs to know of a Citus coordinator (docs/architecture.md, "Citus").
public enum CitusCluster {
    /// The version of the Citus extension in the connected database, or nil on plain PostgreSQL.
    public static func version(_ connection: Connection) throws -> String? {
        try connection.execute("SELECT (SELECT extversion FROM pg_extension WHERE extname = 'citus')").scalar()
    }

    /// The active primary workers, as host:port, in name order.
    public static func workers(_ connection: Connection) throws -> [String] {
        let result = try connection.execute("""
            SELECT nodename || ':' || nodeport FROM pg_dist_node
            WHERE noderole = 'primary' AND isactive AND groupid <> 0 ORDER BY nodename, nodeport
            """)
        return (0..<result.rowCount).compactMap { result.string($0, 0) }
    }

    /// Lets mujun_owner log in, on a Citus database only. Citus runs a statement's work on the
    /// workers over connections it opens as the current role, and migrations run as
    /// mujun_owner (details.md #75): NOLOGIN, as 0001_roles.sql makes it, the first
    /// `CREATE SCHEMA … AUTHORIZATION mujun_owner` fails on every worker. The role gets no
    /// password: who may log in as it stays the business of each node's pg_hba.conf, which on
    /// a worker admits the coordinator (deploy/citus/README.md). Returns whether it changed it.
    @discardableResult
    public static func prepareOwner(_ connection: Connection) throws -> Bool {
        guard try version(connection) != nil else { return false }
        let canLogin = try connection.execute(
            "SELECT (SELECT rolcanlogin FROM pg_roles WHERE rolname = 'mujun_owner')").scalar()
        guard canLogin == "f" else { return false }
        try connection.execute("ALTER ROLE mujun_owner LOGIN")
        return true
    }
}
