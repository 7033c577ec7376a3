import Foundation
import MujunDatabase

extension PolicyProfile {
    /// Stores the profile (once per hash) so runs can reference it and SQL can read it.
    public func record(in connection: Connection, at time: Date = Date()) throws {
        let yaml = (try? String(contentsOfFile: source, encoding: .utf8)) ?? ""
        try connection.execute("""
            INSERT INTO runs.policy_profiles (sha256, name, content, source_yaml, first_used)
            VALUES ($1, $2, $3::jsonb, $4, $5::timestamptz)
            ON CONFLICT (sha256) DO NOTHING
            """, [sha256, name, canonicalJSON, yaml, time.sqlTimestamp])
    }
}
