import ArgumentParser
import MujunCore

/// `mujun`: the 亩均论英雄 pipeline's one executable (spec jobs.md "The command line").
///
/// Thin by design: each subcommand parses its options, calls a library, and maps errors to
/// exit codes in `ExitStatus`.
@main
struct Mujun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mujun",
        abstract: "Per-mu evaluation of industrial enterprises and land (亩均论英雄).",
        discussion: """
            Connection settings are libpq's own: PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSFILE, \
            or --db with a connection string or URI (never with a password: use pgpass).
            Exit codes (sysexits): \(ExitReason.allCases.map { "\($0.code) \($0)" }.joined(separator: ", ")).
            """,
        version: MujunVersion.current,
        subcommands: [
            MigrateCommand.self,
            StatusCommand.self,
            IngestCommand.self,
            AccountsCommand.self,
            FlagCommand.self,
            EvaluateCommand.self,
            ExportCommand.self,
            NoticeCommand.self,
            ObjectionCommand.self,
            PublishCommand.self,
            VetoCommand.self,
            ReviewCommand.self,
            AdjustCommand.self,
            ExemptCommand.self,
            GrantRegionCommand.self,
            RevokeRegionCommand.self,
            RunCommand.self,
            ScheduleCommand.self,
            ReportCommand.self,
            DemoCommand.self,
            GenerateCommand.self,
        ]
    )
}
