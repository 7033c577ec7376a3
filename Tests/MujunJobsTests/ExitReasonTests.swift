import Foundation
import MujunCore
import MujunDatabase
import MujunDemo
import MujunGrading
import MujunIngest
@testable import MujunJobs
import MujunLists
import MujunPolicy
import MujunReport
import Testing

/// The one table of exit codes (`ExitReason`) and what each error type maps to, next to it.
@Suite("Exit reasons")
struct ExitReasonTests {
    struct Unknown: Error {}

    @Test("the table is sysexits' codes and nothing else")
    func table() {
        #expect(ExitReason.allCases.map(\.code) == [0, 1, 64, 65, 66, 69, 73, 75])
        #expect([ExitReason.dataError, .temporary, .done, .noInput].max() == .temporary)
    }

    @Test("every error type says its reason; anything else is failed")
    func mapping() {
        let cases: [(any Error, ExitReason)] = [
            (DatabaseError(.connectionFailed, message: "no server"), .unavailable),
            (DatabaseError(.badConnectionString, message: "password"), .usage),
            (DatabaseError(.lockHeld, message: "held"), .temporary),
            (DatabaseError(.connectionLost, message: "lost"), .temporary),
            (DatabaseError(.serverError, message: "could not serialize", sqlState: "40001"), .temporary),
            (DatabaseError(.serverError, message: "duplicate key", sqlState: "23505"), .failed),
            (DatabaseError(.migrationMismatch, message: "changed"), .failed),
            (ExtractError(.cannotRead, file: "tax.csv", message: "no such file"), .noInput),
            (ExtractError(.missingColumn, file: "tax.csv", line: 1, message: "no period"), .dataError),
            (GradingError(.incompleteYear, "statistics 2024"), .dataError),
            (GradingError(.unknownRun, "no run 9"), .failed),
            (ListError(.cannotWrite, path: "/out", message: "read-only"), .cannotCreate),
            (ListError(.cannotEncode, path: "water.csv", message: "not in GB18030"), .dataError),
            (PolicyError(file: "p.yaml", key: "grading", message: "unknown key"), .dataError),
            (ReportError("no published run"), .failed),
            (DemoError(.unavailable, "no database"), .unavailable),
            (JobFile.FileError(file: "t.yaml", key: "schedule", message: "61"), .usage),
            (SettingError(setting: "MUJUN_TODAY", message: "not a date"), .usage),
            (CocoaError(.fileWriteNoPermission), .cannotCreate),
            (CocoaError(.fileReadNoSuchFile), .noInput),
            (Unknown(), .failed),
        ]
        for (error, reason) in cases {
            #expect(ExitReason(error) == reason, "\(error)")
        }
    }

    @Test("a job step's error has the same reason as the command's")
    func stepsUseTheTable() {
        #expect(JobRunner.classify(DatabaseError(.connectionFailed, message: "no server")).0 == .unavailable)
        #expect(JobRunner.classify(ListError(.cannotWrite, path: "/out", message: "x")).0 == .cannotCreate)
        #expect(JobRunner.classify(GradingError(.incompleteYear, "statistics 2024")) == (.dataError, "statistics 2024"))
        #expect(JobRunner.classify(CocoaError(.fileWriteNoPermission)).0 == .cannotCreate)
    }
}
