import Foundation
import Logging

/// Runs SQL files as one step of a run: inside the caller's transaction, after setting the
/// run's settings for that transaction only, statement by statement in file order.
///
/// The one way Mujun executes its `sql/` folders: flag runs (`sql/land/`), evaluations
/// (`sql/grading/`), exports (`sql/lists/`) and migrations. Running statement by statement is
/// what lets a failure say which file, which line and which statement (`DatabaseError`'s
/// `scriptFile`, `scriptLine`, `statement`), where one round trip per file could only say which
/// file. The transaction is the caller's because a run does more than its scripts (it inserts
/// its run row first, reads its counts after) and all of it commits or none of it does.
public struct SQLRunner {
    public var scripts: [SQLScript]
    /// `(name, value)` pairs set with `SET LOCAL`: custom settings the files read with
    /// `current_setting` (`mujun.run_id`), and server settings (`work_mem`), all reverting at
    /// the end of the transaction. `SET LOCAL` rather than `set_config()`, because Citus repeats
    /// a transaction's `SET LOCAL` commands on the workers (`citus.propagate_set_commands`, set
    /// by sql/citus/04_settings.sql), where the statements that read them run.
    public var settings: [(name: String, value: String)]
    public var logger: Logger
    /// Called after each script, inside the transaction: a test hook (a second session commits a
    /// batch between two files of a run), never set in production.
    public var afterEachScript: ((SQLScript) throws -> Void)?

    public init(_ scripts: [SQLScript], settings: [(name: String, value: String)] = [],
                logger: Logger = Logger(label: "mujun.sql")) {
        self.scripts = scripts
        self.settings = settings
        self.logger = logger
    }

    /// Runs every script in `transaction`, which must be open (settings made with `is_local`
    /// outside one would vanish after the first statement, and a failure would leave half a run).
    public func run(in transaction: Connection) throws {
        precondition(transaction.inTransaction, "SQLRunner.run needs an open transaction")
        for (name, value) in settings {
            try transaction.execute(SQLRunner.setLocal(name, value))
        }
        for script in scripts {
            let started = Date()
            try transaction.run(script)
            try afterEachScript?(script)
            logger.debug("\(script.name): \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
        }
    }
}

extension SQLRunner {
    /// `SET LOCAL name TO 'value'`. The names are Mujun's own constants (checked: lower-case
    /// words and dots); the value is quoted as a string literal, its quotes doubled, which is
    /// all a literal needs under standard_conforming_strings (on since PostgreSQL 9.1).
    static func setLocal(_ name: String, _ value: String) -> String {
        precondition(name.allSatisfy { $0 == "." || $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0) },
                     "setting names are Mujun's constants")
        return "SET LOCAL \(name) TO '\(value.replacingOccurrences(of: "'", with: "''"))'"
    }
}

extension Connection {
    /// Runs one script's statements in order on this connection; a failure carries the
    /// script's name, the line and text of the failing statement.
    public func run(_ script: SQLScript) throws {
        for statement in script.statements {
            do {
                try executeStatement(statement.text)
            } catch var error as DatabaseError {
                error.scriptFile = script.name
                error.scriptLine = statement.line
                error.statement = statement.text
                throw error
            }
        }
    }
}
