import ArgumentParser
import Foundation
import MujunGrading
import MujunCore
import MujunDatabase
import MujunJobs

/// `mujun status`: the database reached, migrations, the last run of every job, recent
/// batches and what is overdue. Exits 1 when a job failed or is overdue, so a monitor can
/// call it (spec jobs.md, details.md #77).
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show jobs, recent batches, what failed or is overdue, and the migrations.")

    @Option(help: "Batches of this many last days.") var days = 7
    @Option(name: .customLong("jobs-dir"), help: "Folder of job files.") var jobsDir: String?
    @Flag(help: "Print JSON on stdout.") var json = false
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try ExitStatus.run {
            let connection = try database.connect("status")
            let migrator = try Migrator(connection: connection)
            let applied = try migrator.applied()
            let appliedVersions = Set(applied.map(\.version))
            let pending = migrator.migrations.filter { !appliedVersions.contains($0.version) }
            var jobs = JobStatus(jobs: [], batches: [], problems: [])
            var procedure = ProcedureStatus(underNotice: [], published: [])
            if pending.isEmpty {
                jobs = try JobStatus.collect(connection, jobs: try JobFile.all(jobsDir: jobsDir), days: days)
                procedure = try ProcedureStatus.collect(connection, today: try CalendarDay.today().description)
            } else {
                jobs.problems.append("\(pending.count) migration(s) pending: run mujun migrate")
            }
            if json {
                let summary: [String: Any] = [
                    "database": connection.endpoint,
                    "server_version": connection.serverVersion,
                    "migrations_applied": applied.map { ["version": $0.version, "name": $0.name, "applied_at": $0.appliedAt] },
                    "migrations_pending": pending.map(\.fileName),
                    "jobs": try JSONSerialization.jsonObject(with: JSONEncoder().encode(jobs.jobs)),
                    "batches": try JSONSerialization.jsonObject(with: JSONEncoder().encode(jobs.batches)),
                    "problems": jobs.problems,
                    "procedure": try JSONSerialization.jsonObject(with: JSONEncoder().encode(procedure)),
                ]
                let data = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys, .prettyPrinted])
                print(String(decoding: data, as: UTF8.self))
            } else {
                print("database:   \(connection.endpoint)")
                print("server:     PostgreSQL \(connection.serverVersion)")
                print("migrations: \(applied.count) applied, \(pending.count) pending")
                for m in pending { print("  pending  \(m.fileName)") }
                print("jobs:")
                for job in jobs.jobs {
                    let state = job.state.map { $0 + (job.abandoned ? " (abandoned)" : "") } ?? "never run"
                    let duration = job.durationSeconds.map { String(format: " in %.1f s", $0) } ?? ""
                    print("  \(job.job)  [\(job.schedule ?? "no job file")]  last run \(job.lastRunID.map(String.init) ?? "-"): "
                          + "\(state)\(duration), started \(job.startedAt ?? "-")\(job.overdue ? "  OVERDUE since \(job.dueAt ?? "?")" : "")")
                    if let error = job.error { print("      error: \(error)") }
                }
                print("batches of the last \(days) days:")
                for b in jobs.batches {
                    print("  \(b.batchID)  \(b.kind)  \(b.status)  as of \(b.asOf)  read \(b.rowsRead) = loaded \(b.rowsLoaded) + rejected \(b.rowsRejected)  \(b.file)")
                }
                print("evaluations under notice:")
                for n in procedure.underNotice {
                    print("  \(n.year)  run \(n.runID)  \(n.noticeFrom)–\(n.noticeUntil)  objections \(n.objectionsOpen) open, "
                          + "\(n.objectionsAnswered) answered  next lists would take effect \(n.nextEffective)")
                }
                print("published evaluations:")
                for p in procedure.published {
                    print("  \(p.year)  run \(p.runID)  published \(p.publishedOn)  \(p.decisionNo ?? "(edition 1 or direct: no decision number)")")
                }
                print("flagged parcels (latest flag run\(procedure.flagRun.map { " \($0)" } ?? ": none")), determined / suspected:")
                for f in procedure.flaggedParcels {
                    print("  \(f.regionCode)  determined \(f.determined)  undetermined \(f.undetermined)")
                }
                for p in jobs.problems { print("PROBLEM: \(p)") }
            }
            if !jobs.problems.isEmpty { throw ExitCode(ExitReason.failed) }
        }
    }
}
