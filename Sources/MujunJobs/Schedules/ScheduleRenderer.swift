/// Renders the schedules of the job files for cron, systemd and Kubernetes (spec jobs.md:
/// "mujun can print the crontab and timer units from the job files so they never drift").
/// `deploy/` holds the rendered files; a test checks that they equal what this renders.
public enum ScheduleRenderer {
    public enum Format: String, Sendable, CaseIterable {
        case crontab, systemd, k8s
    }

    /// Where an installation keeps things; the rendered files use these paths.
    static let binary = "/usr/local/bin/mujun"
    static let environmentFile = "/etc/mujun/env"
    static let metricsDirectory = "/var/lib/prometheus/node-exporter"
    static let timeZone = "Asia/Shanghai"
    static let header = "Rendered by `mujun schedule print` from the job files in jobs/; edit those, not this."

    /// File name → content, for every job, in job-name order.
    public static func render(_ jobs: [JobFile], format: Format, version: String) -> [(String, String)] {
        let sorted = jobs.sorted { $0.name < $1.name }
        switch format {
        case .crontab:
            var text = "# \(header)\n"
            text += "# /etc/cron.d/mujun — times are the machine's local time, which must be \(timeZone).\n"
            text += "SHELL=/bin/sh\nPATH=/usr/local/bin:/usr/bin:/bin\n"
            for job in sorted {
                text += "\n# \(job.name)\n"
                text += "\(job.schedule.text) mujun \(binary) run \(job.name) --metrics-dir \(metricsDirectory) >>/var/log/mujun/\(job.name).log 2>&1\n"
            }
            return [("mujun.crontab", text)]
        case .systemd:
            return sorted.flatMap { job -> [(String, String)] in
                let service = """
                    # \(header)
                    [Unit]
                    Description=Mujun job \(job.name) (mujun run \(job.name))
                    Wants=network-online.target
                    After=network-online.target postgresql.service

                    [Service]
                    Type=oneshot
                    User=mujun
                    Group=mujun
                    EnvironmentFile=-\(environmentFile)
                    ExecStart=\(binary) run \(job.name) --metrics-dir \(metricsDirectory)
                    # 75: another run holds the lock; not a failure of this unit.
                    SuccessExitStatus=75

                    """
                let calendars = job.schedule.onCalendar.map { "OnCalendar=\($0) \(timeZone)" }.joined(separator: "\n")
                let timer = """
                    # \(header)
                    [Unit]
                    Description=Schedule of mujun job \(job.name) (\(job.schedule.text))

                    [Timer]
                    \(calendars)
                    Persistent=true
                    Unit=mujun-\(job.name).service

                    [Install]
                    WantedBy=timers.target

                    """
                return [("mujun-\(job.name).service", service), ("mujun-\(job.name).timer", timer)]
            }
        case .k8s:
            let documents = sorted.map { job in
                """
                apiVersion: batch/v1
                kind: CronJob
                metadata:
                  name: mujun-\(job.name)
                  labels:
                    app.kubernetes.io/name: mujun
                    mujun/job: \(job.name)
                spec:
                  schedule: "\(job.schedule.text)"
                  timeZone: "\(timeZone)"
                  concurrencyPolicy: Forbid
                  startingDeadlineSeconds: 3600
                  successfulJobsHistoryLimit: 3
                  failedJobsHistoryLimit: 5
                  jobTemplate:
                    spec:
                      backoffLimit: 0
                      template:
                        spec:
                          restartPolicy: Never
                          containers:
                            - name: mujun
                              image: mujun:\(version)
                              args: ["run", "\(job.name)"]
                              envFrom:
                                - secretRef:
                                    name: mujun-db
                              volumeMounts:
                                - name: data
                                  mountPath: /srv/mujun
                          volumes:
                            - name: data
                              persistentVolumeClaim:
                                claimName: mujun-data
                """
            }
            return [("cronjobs.yaml", "# \(header)\n" + documents.joined(separator: "\n---\n") + "\n")]
        }
    }
}
