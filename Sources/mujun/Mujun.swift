import ArgumentParser

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
            Exit codes: 0 done, 1 failed, 64 usage, 65 bad input data, 66 missing input, \
            69 database unreachable, 73 cannot write output, 75 temporary (lock held).
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
            PublishCommand.self,
            VetoCommand.self,
            ReviewCommand.self,
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
