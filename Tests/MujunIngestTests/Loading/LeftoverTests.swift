import Foundation
import MujunCore
import MujunDatabase
@testable import MujunIngest
import MujunTestSupport
import Testing

/// What a killed ingest leaves behind, and what the next run does with it (issue 16 items 5 and 10).
@Suite("Ingest: spool files, leftovers and links in the drop folder")
struct LeftoverTests {
    @Test("the rejects spool is 0600 and nameless; an earlier version's hour-old spool is removed, a fresh one kept")
    func spool() throws {
        let folder = try TemporaryDirectory()
        let stale = try folder.write("mujun-rejects-OLD.copy", "1\t2\tc\tbad\traw\n")
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: stale.path)
        let fresh = try folder.write("mujun-rejects-LIVE.copy", "")
        let spool = try RejectSpool(in: folder.url)
        try spool.add(batchID: 1, line: 2, column: "vat", reason: .badNumber, raw: "x")
        // Before issue 16 the spool was a named file of mode 0644 that a kill -9 left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["mujun-rejects-LIVE.copy"])
        #expect(FileManager.default.fileExists(atPath: fresh.path))
        var replayed = Data()
        try spool.replay { replayed.append(contentsOf: $0) }
        #expect(String(decoding: replayed, as: UTF8.self) == "1\t2\tvat\tbad_number\tx\n")
    }

    @Test("a rerun after a crash between commit and archive writes the rejects file again from runs.rejects")
    func rejectsFileAgain() throws {
        let bench = try IngestBench()
        var options = bench.options()
        options.writeRejectsCSV = true
        let file = try bench.folder.write("tax_2025-01-01.csv", "uscc,period,vat\n\(Codes.a),2024-01,1\n\(Codes.a),2024-02,x\n")
        let first = try bench.loader.load(file, kind: .tax, options: options)
        #expect(first.status == .applied && first.rowsRejected == 1)
        let rejects = try #require(first.rejectsFile)
        let written = try String(contentsOfFile: rejects, encoding: .utf8)
        try FileManager.default.removeItem(atPath: rejects)
        // The crash: the batch committed, its rejects file never reached the folder.
        let again = try bench.loader.load(file, kind: .tax, options: options)
        #expect(again.status == .alreadyApplied)
        #expect(again.rejectsFile == rejects)
        #expect(try String(contentsOfFile: rejects, encoding: .utf8) == written)
        #expect(written.hasPrefix("line,column,reason,raw\n3,vat,bad_number,"))
    }

    @Test("archive/ or failed/ as a symbolic link is refused and nothing is moved; a dead run's .rejects.csv.tmp is removed")
    func linkedSubfolders() throws {
        let db = try TestDatabase.migrated()
        let inbox = try TemporaryDirectory()
        let elsewhere = try TemporaryDirectory()
        let tax = try inbox.write("tax_20250101.csv", "uscc,period,vat\n\(Codes.a),2024-12,1\n")
        try IngestCommandTests.age(tax)
        let leftover = try inbox.write("tax_20250101.rejects.csv.tmp", "line,column")
        try FileManager.default.createSymbolicLink(at: inbox.url.appendingPathComponent("archive"), withDestinationURL: elsewhere.url)
        let refused = try MujunBinary.run(["ingest", "--inbox", inbox.url.path], environment: db.environment)
        #expect(refused.status == 65, "\(refused.stderr)")
        #expect(refused.stderr.contains("archive: is a symbolic link"))
        // Before, the extract was moved through the link, out of the drop folder.
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.url.path) == [])
        #expect(FileManager.default.fileExists(atPath: tax.path))
        #expect(try db.connect().execute("SELECT count(*) FROM runs.batches").scalarInt() == 0)

        try FileManager.default.removeItem(at: inbox.url.appendingPathComponent("archive"))
        let ok = try MujunBinary.run(["ingest", "--inbox", inbox.url.path], environment: db.environment)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
    }

    @Test("every drop-folder entry ends loaded, failed or skipped with a reason: a GBK name, a 250-byte name, a FIFO, a folder, a .part")
    func everyEntryAccountedFor() throws {
        let db = try TestDatabase.migrated()
        let inbox = try TemporaryDirectory()
        // 24 good rows and one bad: rejects to write, under the 5 % limit.
        let months = (2023...2024).flatMap { y in (1...12).map { "\(Codes.a),\(y)-\(String(format: "%02d", $0)),1" } }
        let row = "uscc,period,vat\n" + months.joined(separator: "\n") + "\n\(Codes.b),2024-11,x\n"
        // 纳税 in GBK: not UTF-8. Before issue 16 Foundation listed it with U+FFFD, under which
        // no file exists, so it was never loaded, never moved, never reported.
        let gbk = Array("tax_".utf8) + [0xC4, 0xC9, 0xCB, 0xB0] + Array("_20250101.csv".utf8)
        let gbkPath = Array(inbox.url.path.utf8) + [0x2F] + gbk
        var cPath = gbkPath.map { CChar(bitPattern: $0) } + [0]
        let fd = open(&cPath, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        #expect(fd >= 0)
        _ = row.withCString { write(fd, $0, strlen($0)) }
        close(fd)
        var times = [timespec(tv_sec: time(nil) - 600, tv_nsec: 0), timespec(tv_sec: time(nil) - 600, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, &cPath, &times, 0) == 0)
        // A name of 250 bytes: its rejects file and its archived name would pass 255.
        let long = "tax_20250102_" + String(repeating: "长", count: 77) + ".csv"
        #expect(long.utf8.count == 13 + 231 + 4)
        let longFile = try inbox.write(long, row)
        try IngestCommandTests.age(longFile)
        let part = try inbox.write("tax_20250103.csv.part", row)
        try IngestCommandTests.age(part)
        #expect(mkfifo(inbox.url.appendingPathComponent("power_fifo.csv").path, 0o600) == 0)
        try FileManager.default.createDirectory(at: inbox.url.appendingPathComponent("old"), withIntermediateDirectories: false)

        let outcome = try MujunBinary.run(["ingest", "--inbox", inbox.url.path, "--json"], environment: db.environment)
        #expect(outcome.status == 65, "\(outcome.stderr)")
        let report = try JSONDecoder().decode(LoadReport.self, from: Data(outcome.stdout.utf8))
        #expect(report.files.map { URL(fileURLWithPath: $0.file).lastPathComponent }
                == ["tax_%C4%C9%CB%B0_20250101.csv", long])
        #expect(report.files.map(\.status) == [.refused, .applied])
        #expect(report.files[0].message.contains("the file name is not valid UTF-8"))
        #expect(report.skipped.map(\.name) == ["old", "power_fifo.csv", "tax_20250103.csv.part"])
        #expect(report.skipped.map(\.reason) == ["a folder", "not a regular file (a FIFO, device or folder): never opened",
                                                 "still being written (.part/.tmp): taken once it is renamed"])
        #expect(outcome.stderr.contains("left in the drop folder:\n    old: a folder"))
        let fm = FileManager.default
        let failed = try fm.contentsOfDirectory(atPath: inbox.url.appendingPathComponent("failed").path).sorted()
        #expect(failed == ["tax_%C4%C9%CB%B0_20250101.csv", "tax_%C4%C9%CB%B0_20250101.csv.error.txt"])
        let archived = try fm.contentsOfDirectory(atPath: inbox.url.appendingPathComponent("archive").path).sorted()
        #expect(archived.count == 2)
        #expect(archived.allSatisfy { $0.utf8.count <= 255 })
        #expect(archived.contains { $0.hasPrefix("1-tax_20250102_") && $0.hasSuffix(".csv") && !$0.contains(".rejects") })
        #expect(archived.contains { $0.hasSuffix(".rejects.csv") })
        // Nothing of the long file's name is left in the folder, and the rest stays.
        #expect(try fm.contentsOfDirectory(atPath: inbox.url.path).sorted()
                == ["archive", "failed", "old", "power_fifo.csv", "tax_20250103.csv.part"])
    }
}
