import Foundation

/// The embedded default database of `mujun demo`: the throwaway PostgreSQL of
/// `deploy/local/pg.sh`, started if needed, reached through the `PG*` settings it prints.
public enum LocalCluster {
    /// Finds `deploy/local/pg.sh` above the current folder or above the executable (a build
    /// inside a checkout), starts the named cluster, and sets its `PG*` variables for libpq.
    /// Returns the script's path.
    @discardableResult
    public static func start(name: String = "demo") throws -> String {
        guard let script = locate() else {
            throw DemoError(.unavailable, "no database: set PGHOST/PGDATABASE (or --db), or run mujun demo inside a Mujun checkout "
                           + "so it can start deploy/local/pg.sh")
        }
        // The script starts a server daemon; Foundation's Process was seen to wait forever for
        // such a script, so it runs through system(3), its output captured in a file.
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("mujun-pg-\(UUID().uuidString).env")
        defer { try? FileManager.default.removeItem(at: capture) }
        func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let status = system("MUJUN_PG_NAME=\(quoted(name)) /bin/bash \(quoted(script)) start > \(quoted(capture.path)) </dev/null")
        guard status == 0 else {
            throw DemoError(.unavailable, "\(script) start failed (status \(status))")
        }
        let text = (try? String(contentsOf: capture, encoding: .utf8)) ?? ""
        // Lines of the form: export PGHOST='…'
        for line in text.split(separator: "\n") where line.hasPrefix("export ") {
            let assignment = line.dropFirst(7)
            guard let eq = assignment.firstIndex(of: "=") else { continue }
            let key = String(assignment[..<eq])
            let value = String(assignment[assignment.index(after: eq)...]).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
            setenv(key, value, 1)
        }
        return script
    }

    static func locate() -> String? {
        var starts = [URL(fileURLWithPath: FileManager.default.currentDirectoryPath)]
        starts.append(URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent())
        for start in starts {
            var dir = start
            for _ in 0..<8 {
                let candidate = dir.appendingPathComponent("deploy/local/pg.sh").path
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
                dir = dir.deletingLastPathComponent()
            }
        }
        return nil
    }
}
