import ArgumentParser
import Foundation
import MujunGenerate

/// `mujun generate`: writes a synthetic county's extracts (issue 9; docs/generator.md).
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic county's extracts (registry, parcels, accounts, tax, power) into a folder.",
        discussion: """
            The files are named by kind and as-of date, so `mujun ingest --inbox DIR` loads them \
            in the right order; manifest.json lists them with their row counts and the bad rows \
            planted on purpose. The same options always write byte-identical files. Nothing \
            touches the database. Exit 64 for bad options, 73 when the folder cannot be written.
            """)

    @Option(help: "Number of enterprises (a county: 2000–10000).")
    var enterprises: Int = 2_000

    @Option(help: "Years of monthly tax and power, Y1-Y2 or one year Y.")
    var years: String = "2023-2024"

    @Option(help: "Seed: the same seed gives the same county.")
    var seed: UInt64 = 1

    @Option(help: "Folder to write into (created if missing).")
    var out: String

    @Flag(help: "Print the manifest as JSON on stdout.")
    var json = false

    func options() throws -> CountyOptions {
        guard let (first, last) = CountyOptions.parseYears(years) else {
            throw ValidationError("--years must be Y1-Y2 or Y, e.g. 2023-2024; got \"\(years)\"")
        }
        let options = CountyOptions(enterprises: enterprises, firstYear: first, lastYear: last, seed: seed)
        if let problem = options.problem { throw ValidationError(problem) }
        return options
    }

    func validate() throws { _ = try options() }

    func run() throws {
        try ExitStatus.run {
            let options = try options()
            let started = Date()
            let folder = URL(fileURLWithPath: out, isDirectory: true)
            let showProgress = isatty(2) == 1
            let manifest = try CountyGenerator(options: options).write(to: folder, progress: showProgress ? { done, total in
                ExitStatus.writeStderr("\rmujun generate: \(done)/\(total) enterprises")
            } : nil)
            if showProgress { ExitStatus.writeStderr("\r\u{1B}[K") }
            if json { print(String(decoding: try manifest.json(), as: UTF8.self), terminator: "") }
            for file in manifest.files {
                let planted = file.plantedRejects.isEmpty ? "" : "  (\(file.plantedRejects.count) bad on purpose)"
                ExitStatus.writeStderr("\(file.name)  \(file.kind.rawValue)  \(file.format.encoding.rawValue)  \(file.rows) rows\(planted)\n")
            }
            ExitStatus.writeStderr(String(
                format: "mujun generate: %d enterprises, %d parcels, %d-%d, seed %llu → %@ (%.1fs)\n",
                manifest.enterprises, manifest.parcels, options.firstYear, options.lastYear, options.seed,
                folder.path, Date().timeIntervalSince(started)))
        }
    }
}
