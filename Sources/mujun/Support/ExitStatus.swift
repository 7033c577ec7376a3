import ArgumentParser
import Foundation
import MujunDatabase
import MujunGrading
import MujunIngest
import MujunLists
import MujunJobs
import MujunPolicy
import MujunReport

/// The one place where errors become exit codes and one-line messages (sysexits, spec jobs.md
/// and details.md #77), so cron wrappers and systemd can tell failures apart.
enum ExitStatus {
    static let failed: Int32 = 1
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let unavailable: Int32 = 69
    static let cannotCreate: Int32 = 73
    static let temporary: Int32 = 75

    /// Runs a command body; any error is printed on stderr as one line (no stack trace) and
    /// turned into the matching exit code.
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ExitCode {
            throw error
        } catch let error as CleanExit {
            throw error
        } catch {
            let (code, message) = describe(error)
            printError(message)
            throw ExitCode(code)
        }
    }

    static func describe(_ error: Error) -> (Int32, String) {
        switch error {
        case let e as DatabaseError:
            switch e.code {
            case .connectionFailed: return (unavailable, "mujun: \(e.message)")
            case .badConnectionString: return (usage, "mujun: --db: \(e.message)")
            case .lockHeld: return (temporary, "mujun: \(e.message)")
            case .connectionLost: return (temporary, "mujun: connection to PostgreSQL lost: \(e.message)")
            case .migrationMismatch: return (failed, "mujun: \(e.message)")
            default: return (e.isTransient ? temporary : failed, "mujun: database error: \(e)")
            }
        case let e as ExtractError:
            switch e.code {
            case .cannotRead: return (noInput, "mujun: \(e)")
            default: return (dataError, "mujun: \(e)")
            }
        case let e as GradingError:
            switch e.code {
            case .incompleteYear: return (dataError, "mujun: \(e.message)")
            default: return (failed, "mujun: \(e.message)")
            }
        case let e as JobFile.FileError:
            return (usage, "mujun: job file \(e)")
        case let e as JobError:
            return (e.exitCode, "mujun: \(e.message)")
        case let e as ListError:
            return (e.code == .cannotWrite ? cannotCreate : dataError, "mujun: \(e)")
        case let e as ReportError:
            return (failed, "mujun: \(e.message)")
        case let e as PolicyError:
            return (dataError, "mujun: policy profile \(e)")
        case let e as CocoaError where e.code == .fileWriteNoPermission || e.code == .fileWriteUnknown:
            return (cannotCreate, "mujun: \(e.localizedDescription)")
        default:
            return (failed, "mujun: \(error)")
        }
    }

    static func printError(_ message: String) {
        writeStderr(message + "\n")
    }

    static func writeStderr(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
