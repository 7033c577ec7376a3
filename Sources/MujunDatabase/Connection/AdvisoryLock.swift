import Foundation

/// What a mutating command locks, so that two runs of the same concern never overlap
/// (spec jobs.md "Job runs", details.md #74). One PostgreSQL advisory lock per concern,
/// session-scoped: a killed process's session ends and its lock with it.
public enum LockConcern: Sendable, Hashable {
    case migrate
    case ingest
    case flag
    case evaluate
    case export
    case operatorEntry
    /// One lock per job name (`mujun run JOB`).
    case job(String)

    /// Advisory locks take two int4 keys; the first marks the lock as Mujun's.
    static let namespace: Int32 = 0x4D75_6A75  // "Muju"

    var key: Int32 {
        switch self {
        case .migrate: return 1
        case .ingest: return 2
        case .flag: return 3
        case .evaluate: return 4
        case .export: return 5
        case .operatorEntry: return 6
        case .job(let name):
            // FNV-1a over the name, kept away from the fixed keys above.
            var hash: UInt32 = 2_166_136_261
            for byte in name.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
            // Positive and above the fixed keys, so pg_locks shows the same number as the key.
            return Int32(bitPattern: (hash & 0x7FFF_FFFF) | 0x100)
        }
    }

    public var name: String {
        switch self {
        case .migrate: return "migrate"
        case .ingest: return "ingest"
        case .flag: return "flag"
        case .evaluate: return "evaluate"
        case .export: return "export"
        case .operatorEntry: return "operator entry"
        case .job(let name): return "job \(name)"
        }
    }
}

extension Connection {
    /// Takes the concern's advisory lock for this session, or throws `.lockHeld` naming the
    /// session that holds it (application name, client, pid) and since when.
    ///
    /// Advisory locks are per database, but `pg_locks` lists every database's: the holder is
    /// looked up in this one only, or a lock in another Mujun database on the same server (a
    /// second county, a test's clone) would be named as the holder.
    public func lock(_ concern: LockConcern) throws {
        let taken = try execute("SELECT pg_try_advisory_lock($1::int4, $2::int4)",
                                [LockConcern.namespace, concern.key]).scalar()
        guard taken == "t" else {
            let holder = try execute("""
                SELECT a.pid, coalesce(nullif(a.application_name, ''), 'unknown') AS app,
                       coalesce(host(a.client_addr), 'local socket') AS client,
                       to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS since
                FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND l.classid::int4 = $1::int4 AND l.objid::int4 = $2::int4
                  AND l.objsubid = 2 AND l.granted
                  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                LIMIT 1
                """, [LockConcern.namespace, concern.key])
            var who: String
            if holder.rowCount == 1 {
                let app = try holder.string(0, "app") ?? "?"
                who = "held by \(app) (server pid \(try holder.string(0, "pid") ?? "?"), "
                    + "\(try holder.string(0, "client") ?? "?")) since \(try holder.string(0, "since") ?? "?")"
                if Connection.clientIsGone(app) {
                    who += "; that client is gone (killed?): the server ends its session within "
                        + "\(Connection.clientCheckSeconds) s, which frees the lock; try again then"
                }
            } else {
                who = "held by another session"
            }
            throw DatabaseError(.lockHeld, message: "another \(concern.name) is running: lock \(who)")
        }
    }

    /// Whether any session holds the concern's lock now (a `running` job row whose lock is free
    /// belongs to a process that died).
    public func isLocked(_ concern: LockConcern) throws -> Bool {
        try execute("""
            SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid::int4 = $1::int4
                           AND objid::int4 = $2::int4 AND objsubid = 2 AND granted
                           AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))
            """, [LockConcern.namespace, concern.key]).scalar() == "t"
    }

    /// Releases the concern's advisory lock (closing the connection releases it too).
    public func unlock(_ concern: LockConcern) throws {
        try execute("SELECT pg_advisory_unlock($1::int4, $2::int4)", [LockConcern.namespace, concern.key])
    }

    /// Runs `body` holding the concern's lock.
    @discardableResult
    public func withLock<T>(_ concern: LockConcern, _ body: () throws -> T) throws -> T {
        try lock(concern)
        defer { try? unlock(concern) }
        return try body()
    }
}

extension Connection {
    /// Whether the client named in an application name (` pid=PID@HOST`, `tagged`) ran on this
    /// host and its process no longer exists. False when it cannot tell (another host, no tag).
    static func clientIsGone(_ applicationName: String) -> Bool {
        guard let tag = applicationName.range(of: " pid=", options: .backwards) else { return false }
        let rest = applicationName[tag.upperBound...]
        // The host may be cut short by the 63-byte limit: a prefix of this host's name counts.
        guard let at = rest.firstIndex(of: "@"), let pid = pid_t(rest[..<at]), pid > 0 else { return false }
        let host = rest[rest.index(after: at)...]
        guard !host.isEmpty, ProcessInfo.processInfo.hostName.hasPrefix(host) else { return false }
        return kill(pid, 0) == -1 && errno == ESRCH
    }
}
