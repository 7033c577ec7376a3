import ArgumentParser
import MujunDatabase

/// `--db`, shared by every command that talks to PostgreSQL.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "libpq connection string or URI (default: the PG* environment).",
        discussion: "A password here is refused: use a pgpass file.",
        valueName: "conninfo"))
    var db: String = ""

    /// Opens a connection; failures propagate to `ExitStatus` (69 unreachable, 64 bad --db).
    func connect(_ command: String) throws -> Connection {
        try Connection(try ConnectionString(db), applicationName: "mujun \(command)")
    }
}
