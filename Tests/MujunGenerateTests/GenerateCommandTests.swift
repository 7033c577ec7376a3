import Foundation
import MujunGenerate
import MujunTestSupport
import Testing

/// `mujun generate` as an operator runs it.
@Suite("Generate: the command")
struct GenerateCommandTests {
    @Test("writes the files and prints the manifest with --json")
    func writesFiles() throws {
        let folder = try TemporaryDirectory()
        let out = folder.url.appendingPathComponent("county").path
        let run = try MujunBinary.run(["generate", "--enterprises", "60", "--years", "2024", "--seed", "3",
                                       "--out", out, "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let manifest = try JSONDecoder().decode(CountyManifest.self, from: Data(run.stdout.utf8))
        #expect(manifest.enterprises == 60)
        #expect(manifest.files.map(\.name) == [
            "registry_2024-12-31.csv", "parcels_2024-12-31.csv", "accounts_2024-12-31.csv",
            "tax_2024-12-31.csv", "power_2024-12-31.csv", "statistics_2024-12-31.csv",
        ])
        for file in manifest.files {
            #expect(FileManager.default.fileExists(atPath: out + "/" + file.name))
        }
        let written = try Data(contentsOf: URL(fileURLWithPath: out + "/manifest.json"))
        #expect(written == Data(run.stdout.utf8))
        #expect(run.stderr.contains("60 enterprises"))
    }

    @Test("bad options exit 64; an unwritable folder exits 73")
    func exitCodes() throws {
        let folder = try TemporaryDirectory()
        let bad = try MujunBinary.run(["generate", "--years", "2024-2023", "--out", folder.url.path])
        #expect(bad.status == 64)
        let zero = try MujunBinary.run(["generate", "--enterprises", "0", "--out", folder.url.path])
        #expect(zero.status == 64)
        let blocker = try folder.write("file", "not a folder")
        let unwritable = try MujunBinary.run(["generate", "--enterprises", "10", "--out", blocker.path + "/county"])
        #expect(unwritable.status == 73, "\(unwritable.stderr)")
    }
}
