import ArgumentParser
import Foundation
import MujunCore
import MujunDatabase
import MujunJobs
import MujunPolicy

/// Where a command's errors become one line on stderr and an exit code (sysexits, spec jobs.md
/// and details.md #77), so cron wrappers and systemd can tell failures apart. The codes are
/// `ExitReason`'s, the same table the steps of `mujun run` use; only the wording is the
/// command line's.
enum ExitStatus {
    /// Runs a command body; any error is printed on stderr as one line (no stack trace) and
    /// turned into its exit code. Argument errors go back to ArgumentParser, which prints the
    /// usage and exits 64.
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ExitCode {
            throw error
        } catch let error as CleanExit {
            throw error
        } catch let error as ValidationError {
            throw error
        } catch {
            let (reason, message) = describe(error)
            printError(message)
            throw ExitCode(reason)
        }
    }

    /// The exit reason of `error` and the line that explains it.
    static func describe(_ error: Error) -> (ExitReason, String) {
        (ExitReason(error), "mujun: " + message(error))
    }

    private static func message(_ error: Error) -> String {
        switch error {
        case let e as DatabaseError:
            switch e.code {
            case .connectionFailed, .lockHeld, .migrationMismatch: return e.message
            case .badConnectionString: return "--db: \(e.message)"
            case .connectionLost: return "connection to PostgreSQL lost: \(e.message)"
            default: return "database error: \(e)"
            }
        case let e as JobFile.FileError:
            return "job file \(e)"
        case let e as PolicyError:
            return "policy profile \(e)"
        case let e as CocoaError:
            return e.localizedDescription
        default:
            return "\(error)"
        }
    }

    static func printError(_ message: String) {
        writeStderr(message + "\n")
    }

    static func writeStderr(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

extension ExitCode {
    /// The process exit status of `reason`.
    init(_ reason: ExitReason) {
        self.init(reason.code)
    }
}
