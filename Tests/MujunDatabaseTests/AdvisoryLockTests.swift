import Foundation
import MujunDatabase
import MujunTestSupport
import Testing

/// Advisory locks are per database, while `pg_locks` lists the whole server's: the holder a
/// refusal names, and whether a concern counts as locked, must come from this database alone.
@Suite("Advisory locks across databases")
struct AdvisoryLockTests {
    @Test("a refusal names this database's holder, not a holder of the same lock in another database")
    func holderIsFromThisDatabase() throws {
        let here = try TestDatabase.migrated()
        let elsewhere = try TestDatabase.migrated()
        let other = try elsewhere.connect(applicationName: "mujun run in another database")
        try other.lock(.ingest)
        let holder = try here.connect(applicationName: "mujun ingest (holder here)")
        try holder.lock(.ingest)
        let second = try here.connect(applicationName: "mujun ingest (second)")
        #expect {
            try second.lock(.ingest)
        } throws: { error in
            let e = error as? DatabaseError
            return e?.code == .lockHeld && e?.message.contains("mujun ingest (holder here)") == true
                && e?.message.contains("another database") == false
        }
    }

    @Test("a lock held in another database does not make the concern locked here")
    func isLockedIsPerDatabase() throws {
        let here = try TestDatabase.migrated()
        let elsewhere = try TestDatabase.migrated()
        let other = try elsewhere.connect()
        try other.lock(.job("nightly"))
        let probe = try here.connect()
        #expect(try probe.isLocked(.job("nightly")) == false)
        #expect(try other.isLocked(.job("nightly")) == true)
    }

    @Test("Mujun's sessions ask the server to check the client every 2 s, and name the client's pid and host")
    func deadClientsAreNoticed() throws {
        let db = try TestDatabase.migrated()
        let connection = try db.connect(applicationName: "mujun probe")
        #expect(try connection.execute("SHOW client_connection_check_interval").scalar() == "2s")
        #expect(try connection.execute("SELECT current_setting('application_name')").scalar()
                == "mujun probe pid=\(getpid())@\(ProcessInfo.processInfo.hostName)".prefix(63).description)
    }
}
