import ArgumentParser
import Foundation
import MujunJobs

/// `mujun schedule print --format crontab|systemd|k8s`: the job files' schedules, rendered.
struct ScheduleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schedule",
        abstract: "Render the job files' schedules for cron, systemd or Kubernetes.",
        subcommands: [SchedulePrintCommand.self])
}

struct SchedulePrintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Print (or with --out write) the crontab, systemd units or Kubernetes CronJobs.")

    @Option(help: "crontab, systemd or k8s.") var format: ScheduleRenderer.Format
    @Option(help: "Write the files into this folder instead of printing them.") var out: String?
    @Option(name: .customLong("jobs-dir"), help: "Folder of job files.") var jobsDir: String?

    func run() throws {
        try ExitStatus.run {
            let files = ScheduleRenderer.render(try JobFile.all(jobsDir: jobsDir), format: format, version: MujunVersion.current)
            for (name, text) in files {
                if let out {
                    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                    try Data(text.utf8).write(to: URL(fileURLWithPath: out).appendingPathComponent(name), options: .atomic)
                } else {
                    if files.count > 1 { print("# ==> \(name) <==") }
                    print(text, terminator: "")
                }
            }
        }
    }
}

extension ScheduleRenderer.Format: ExpressibleByArgument {}
