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
}
