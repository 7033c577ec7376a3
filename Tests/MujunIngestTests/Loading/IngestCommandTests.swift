import Foundation
import MujunCore
import MujunDatabase
import MujunIngest
import MujunTestSupport
import Testing

@Suite("Ingest: command line, drop folder, crashes")
struct IngestCommandTests {
    static func age(_ url: URL, seconds: TimeInterval = 600) throws {
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-seconds)],
                                              ofItemAtPath: url.path)
    }

    @Test("--inbox: complete files load in order, move to archive/ or failed/, links and fresh files are not taken")
    func dropFolder() throws {
        let db = try TestDatabase.migrated()
        let inbox = try TemporaryDirectory()
        let outside = try TemporaryDirectory()
        let registry = try inbox.write("REGISTRY_20250101.csv", "uscc,name,status,industry_code,region_code,above_scale\n\(Codes.a),甲,存续,3311,320101,是\n")
        // 20 good rows and one duplicate: 1 of 21 rejected, under the 5 % limit.
        let taxRows = (1...20).map { "\(Codes.a),20\(23 + $0 / 13)-\(String(format: "%02d", ($0 - 1) % 12 + 1)),\($0)" }
        let tax = try inbox.write("tax_20250101.csv", "uscc,period,vat\n" + (taxRows + [taxRows[0]]).joined(separator: "\n") + "\n")
        let refused = try inbox.write("power_20250101.csv", "account_no,account_name,period,kwh\n1,甲,2024-12,-1\n")
        let unknown = try inbox.write("misc_20250101.csv", "a,b\n")
        let fresh = try inbox.write("tax_20250102.csv", "uscc,period,vat\n\(Codes.b),2024-12,1\n")
        let partial = try inbox.write("tax_20250103.csv.part", "uscc,period,vat\n")
        let secret = try outside.write("tax_secret.csv", "uscc,period,vat\n\(Codes.c),2024-12,1\n")
        try FileManager.default.createSymbolicLink(at: inbox.url.appendingPathComponent("tax_link.csv"),
                                                   withDestinationURL: secret)
        for file in [registry, tax, refused, unknown, partial] { try Self.age(file) }

        let outcome = try MujunBinary.run(["ingest", "--inbox", inbox.url.path, "--json"], environment: db.environment)
        #expect(outcome.status == 65)
        let report = try JSONDecoder().decode(LoadReport.self, from: Data(outcome.stdout.utf8))
        let order = report.files.map { URL(fileURLWithPath: $0.file).lastPathComponent }
        // As-of first, then kind (registry, parcels, accounts, tax, power), then name in C collation.
        // The link has no date in its name: its as-of is today, so it comes last.
        #expect(order == ["REGISTRY_20250101.csv", "tax_20250101.csv", "power_20250101.csv", "misc_20250101.csv", "tax_link.csv"])
        // Every row accounted for: 1 registry row; 21 tax rows, the duplicate rejected; the power
        // row rejected (negative kWh), which refuses its file; two files refused before reading.
        #expect(report.files.map(\.status) == [.applied, .applied, .refused, .refused, .refused])
        #expect(report.files.map(\.rowsRead) == [1, 21, 1, 0, 0])
        #expect(report.files.map(\.rowsRejected) == [0, 1, 1, 0, 0])
        #expect(report.files.map(\.kind) == [.registry, .tax, .power, nil, .tax])
        #expect(report.total.files == 5 && report.total.applied == 2 && report.total.refused == 3)
        #expect(report.total.rowsRead == 23 && report.total.rowsLoaded == 21 && report.total.rowsRejected == 2)
        #expect(report.files.allSatisfy { $0.movedTo != nil })
        // The same report as the table on stderr: the widest name sets the first column.
        #expect(outcome.stderr.contains("\npower_20250101.csv     power     refused"))
        #expect(outcome.stderr.contains("\ntotal" + String(repeating: " ", count: 28) + "5 files"
                                        + String(repeating: " ", count: 11) + "23      21         2    "))
        #expect(outcome.stderr.contains("\napplied 2, already applied 0, refused 3\n"))
        #expect(outcome.stderr.contains("\nmisc_20250101.csv:\n    ")
                && outcome.stderr.contains("the kind cannot be told from the name"))
        let fm = FileManager.default
        let archived = try fm.contentsOfDirectory(atPath: inbox.url.appendingPathComponent("archive").path).sorted()
        let failed = try fm.contentsOfDirectory(atPath: inbox.url.appendingPathComponent("failed").path).sorted()
        #expect(archived.contains { $0.hasSuffix("-REGISTRY_20250101.csv") })
        #expect(archived.contains { $0.hasSuffix("-tax_20250101.csv") })
        #expect(archived.contains { $0.hasSuffix("-tax_20250101.rejects.csv") })
        #expect(failed.contains("power_20250101.csv") && failed.contains("power_20250101.csv.error.txt"))
        #expect(failed.contains("misc_20250101.csv") && failed.contains("misc_20250101.csv.error.txt"))
        #expect(failed.contains("tax_link.csv.error.txt"))
        // Left for the next run.
        #expect(fm.fileExists(atPath: fresh.path) && fm.fileExists(atPath: partial.path))
        // The link's target was never read.
        let connection = try db.connect()
        #expect(try connection.execute("SELECT count(*) FROM core.tax_rows WHERE uscc = $1", [Codes.c]).scalarInt() == 0)
        #expect(fm.fileExists(atPath: secret.path))
        let error = try String(contentsOf: inbox.url.appendingPathComponent("failed/power_20250101.csv.error.txt"), encoding: .utf8)
        #expect(error.contains("above the limit"))
    }

    @Test("command line: exit codes 64, 65, 66 and the load report on stderr")
    func exitCodes() throws {
        let db = try TestDatabase.migrated()
        let folder = try TemporaryDirectory()
        let ok = try folder.write("tax.csv", "uscc,period,vat\n\(Codes.a),2024-01,1\n")
        let bad = try folder.write("tax_bad.csv", "uscc,vat\n\(Codes.a),1\n")
        #expect(try MujunBinary.run(["ingest", "taxes", ok.path], environment: db.environment).status == 64)
        #expect(try MujunBinary.run(["ingest", "tax"], environment: db.environment).status == 64)
        let missing = try MujunBinary.run(["ingest", "tax", folder.url.appendingPathComponent("nope.csv").path],
                                          environment: db.environment)
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("nope.csv"))
        let both = try MujunBinary.run(["ingest", "tax", ok.path, bad.path, "--json"], environment: db.environment)
        #expect(both.status == 65)
        let report = try JSONDecoder().decode(LoadReport.self, from: Data(both.stdout.utf8))
        #expect(report.files.map(\.status) == [.applied, .refused])
        #expect(report.total.rowsRead == 1 && report.total.rowsLoaded == 1 && report.total.rowsRejected == 0)
        #expect(report.files[1].message.contains("tax_bad.csv") && report.files[1].message.contains("period"))
        #expect(both.stderr.contains("\ntax.csv      tax   applied"))
        #expect(both.stderr.contains("\napplied 1, already applied 0, refused 1\n"))
        #expect(both.stderr.contains("\ntax_bad.csv:\n    ") && both.stderr.contains("period"))
        let again = try MujunBinary.run(["ingest", "tax", ok.path, "--json"], environment: db.environment)
        #expect(again.status == 0)
        #expect(try JSONDecoder().decode(LoadReport.self, from: Data(again.stdout.utf8)).files.map(\.status)
                == [.alreadyApplied])
        let xlsx = try folder.write("tax.xlsx", Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0]))
        let workbook = try MujunBinary.run(["ingest", "tax", xlsx.path], environment: db.environment)
        #expect(workbook.status == 65)
        #expect(workbook.stderr.contains("CSV"))
    }

    @Test("a FIFO, a device and a folder are refused at once (66), without waiting for the ingest lock")
    func notRegularFiles() throws {
        let db = try TestDatabase.migrated()
        let folder = try TemporaryDirectory()
        let fifo = folder.url.appendingPathComponent("tax_fifo.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // Before issue 16 the FIFO's open blocked for a writer (and /dev/zero read forever) while
        // the lock was held. Should it block again, a writer comes after 20 s with a header only,
        // and the test fails on the code (65, a missing column) instead of hanging.
        DispatchQueue.global().asyncAfter(deadline: .now() + 20) {
            let fd = open(fifo, O_WRONLY | O_NONBLOCK)
            if fd >= 0 { _ = write(fd, "uscc\n", 5); close(fd) }
        }
        // Another session holds the ingest lock: a command that took it would exit 75.
        let holder = try db.connect()
        try holder.lock(.ingest)
        for path in [fifo, "/dev/zero", folder.url.path] {
            let outcome = try MujunBinary.run(["ingest", "tax", path, "--json"], environment: db.environment)
            #expect(outcome.status == 66, "\(path): \(outcome.stderr)")
            let report = try JSONDecoder().decode(LoadReport.self, from: Data(outcome.stdout.utf8))
            #expect(report.files.map(\.status) == [.refused])
            #expect(report.files.first?.message.contains("not a CSV file: refused before reading it") == true)
        }
        let fifoRun = try MujunBinary.run(["ingest", "tax", fifo], environment: db.environment)
        #expect(fifoRun.stderr.contains("this is a FIFO (named pipe)"))
        #expect(try MujunBinary.run(["ingest", "tax", "/dev/zero"], environment: db.environment).stderr.contains("this is a device"))
        // With a loadable file beside it, the FIFO is still refused and the file waits its turn.
        try holder.unlock(.ingest)
        let ok = try folder.write("tax.csv", "uscc,period,vat\n\(Codes.a),2024-01,1\n")
        let mixed = try MujunBinary.run(["ingest", "tax", fifo, ok.path, "--json"], environment: db.environment)
        #expect(mixed.status == 66)
        let report = try JSONDecoder().decode(LoadReport.self, from: Data(mixed.stdout.utf8))
        #expect(report.files.map(\.status) == [.refused, .applied])
        #expect(try db.connect().execute("SELECT count(*) FROM runs.batches").scalarInt() == 1)
    }

    @Test("a NUL in the header, UTF-16/32 text and a UTF-8 mark before GB18030 text: 65, saying what is wrong")
    func encodingProblems() throws {
        let db = try TestDatabase.migrated()
        let folder = try TemporaryDirectory()
        let text = "uscc,period,vat\n\(Codes.a),2024-01,1\n"
        var utf16 = Data([0xFF, 0xFE])
        for unit in text.utf16 { utf16.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)]) }
        var utf32 = Data([0x00, 0x00, 0xFE, 0xFF])
        for scalar in text.unicodeScalars {
            let v = scalar.value
            utf32.append(contentsOf: [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)])
        }
        // 纳税人 in GB18030 behind a UTF-8 byte-order mark.
        var mixed = Data([0xEF, 0xBB, 0xBF])
        mixed.append(Data("uscc,period,vat,".utf8))
        mixed.append(Data([0xC4, 0xC9, 0xCB, 0xB0, 0xC8, 0xCB]))
        mixed.append(Data("\n\(Codes.a),2024-01,1,".utf8))
        mixed.append(Data([0xC4, 0xC9, 0xCB, 0xB0, 0xC8, 0xCB, 0x0A]))
        let cases: [(String, Data, String)] = [
            ("tax_nul.csv", Data("uscc,per\u{0}iod,vat\n\(Codes.a),2024-01,1\n".utf8), "header cell 2 holds a NUL byte"),
            ("tax_utf16.csv", utf16, "this is UTF-16LE text"),
            ("tax_utf32.csv", utf32, "this is UTF-32BE text"),
            ("tax_mixed.csv", mixed, "starts with a UTF-8 byte-order mark (EF BB BF) but its text is not UTF-8"),
        ]
        for (name, data, says) in cases {
            let file = try folder.write(name, data)
            let outcome = try MujunBinary.run(["ingest", "tax", file.path], environment: db.environment)
            // Before issue 16: exit 1 "malformed array literal" for the NUL, and "the header lacks
            // required columns" for the others.
            #expect(outcome.status == 65, "\(name): \(outcome.stderr)")
            #expect(outcome.stderr.contains(says), "\(name): \(outcome.stderr)")
        }
    }

    @Test("a quoted field over the 64 MiB record limit: rejected, and the batch's message says why")
    func oversizedRecord() throws {
        let db = try TestDatabase.migrated()
        let folder = try TemporaryDirectory()
        var data = Data("uscc,period,vat\n\(Codes.a),2024-01,1\n\(Codes.a),\"".utf8)
        data.append(Data(repeating: UInt8(ascii: "a"), count: 65 * 1024 * 1024))
        data.append(Data("\",1\n\(Codes.a),2024-03,1\n".utf8))
        let file = try folder.write("tax.csv", data)
        let outcome = try MujunBinary.run(["ingest", "tax", file.path, "--json", "--max-reject-ratio", "0.5"],
                                          environment: db.environment)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let report = try JSONDecoder().decode(LoadReport.self, from: Data(outcome.stdout.utf8))
        // Before: only "applied; 1 row rejected", the reason wrong_field_count and nothing else.
        #expect(report.files.first?.batch?.rejectsByReason == ["wrong_field_count": 1])
        #expect(report.files.first?.message.contains(
            "1 record longer than the record limit of 64 MiB (a quote left open? first at line 3), rejected as wrong_field_count") == true)
    }

    @Test("--as-of outside 1900–2099 is a usage error, like the other commands' dates")
    func asOfRange() throws {
        let folder = try TemporaryDirectory()
        let ok = try folder.write("tax.csv", "uscc,period,vat\n\(Codes.a),2024-01,1\n")
        for date in ["9999-12-31", "1899-12-31"] {
            let outcome = try MujunBinary.run(["ingest", "tax", ok.path, "--as-of", date])
            #expect(outcome.status == 64)
            #expect(outcome.stderr.contains("--as-of must be within 1900–2099"))
        }
    }

    @Test("SIGKILL in the middle of a large file leaves nothing of the batch; a rerun completes it")
    func killMidLoad() throws {
        let db = try TestDatabase.migrated()
        let folder = try TemporaryDirectory()
        let rows = 600_000
        var text = "uscc,period,vat,corporate_income_tax,sales_revenue\n"
        text.reserveCapacity(rows * 70)
        // 25 000 enterprises × 24 months: every (uscc, period) once.
        let codes = (0..<(rows / 24)).map { i -> String in
            USCC.completed("9132010000" + String(format: "%07d", i))!
        }
        for i in 0..<rows {
            let month = i / codes.count
            let period = "\(2023 + month / 12)-\(month % 12 < 9 ? "0" : "")\(month % 12 + 1)"
            text += "\(codes[i % codes.count]),\(period),\(i % 9973).25,\(i % 101),\(i)\n"
        }
        let file = try folder.write("tax_big.csv", text)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: MujunBinary.path)
        process.arguments = ["ingest", "tax", file.path]
        process.environment = db.environment
        process.standardError = FileHandle.nullDevice
        try process.run()
        let watcher = try db.connect()
        var sawCopy = false
        for _ in 0..<600 where !sawCopy {
            let progress = try watcher.execute("""
                SELECT count(*) FROM pg_stat_progress_copy p JOIN pg_stat_activity a USING (pid)
                WHERE a.datname = current_database() AND p.tuples_processed > 1000
                """).scalarInt()
            sawCopy = progress > 0
            if !sawCopy { Thread.sleep(forTimeInterval: 0.02) }
        }
        #expect(sawCopy, "the loader never reached its COPY")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)

        // The server notices the dead client and rolls its transaction back.
        var staged = -1
        for _ in 0..<100 {
            staged = try watcher.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'staging'").scalarInt()
            let busy = try watcher.execute("""
                SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
                  AND application_name LIKE 'mujun ingest%'
                """).scalarInt()
            if busy == 0 && staged == 0 { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(staged == 0)
        #expect(try watcher.execute("SELECT count(*) FROM runs.batches").scalarInt() == 0)
        #expect(try watcher.execute("SELECT count(*) FROM core.tax_rows").scalarInt() == 0)
        #expect(try watcher.execute("SELECT count(*) FROM runs.rejects").scalarInt() == 0)

        let rerun = try MujunBinary.run(["ingest", "tax", file.path, "--json"], environment: db.environment)
        #expect(rerun.status == 0)
        #expect(try watcher.execute("SELECT count(*) FROM core.tax_rows").scalarInt() == rows)
        #expect(try watcher.execute("SELECT rows_read FROM runs.batches").scalarInt() == rows)
    }
}

@Suite("Accounts: manual mapping")
struct AccountsCommandTests {
    @Test("accounts list shows the unlinked; map wins, unmap restores automatic linking")
    func mapAndUnmap() throws {
        let bench = try IngestBench()
        try bench.load(.registry, "registry.csv", "uscc,name,status,industry_code,region_code,above_scale\n\(Codes.a),甲,存续,3311,320101,是\n")
        try bench.load(.power, "power.csv", "account_no,account_name,period,kwh\n001,甲,2024-01,1\n002,无名,2024-01,2\n")
        let env = bench.db.environment
        let listed = try MujunBinary.run(["accounts", "list", "--json"], environment: env)
        #expect(listed.status == 0)
        let unlinked = try JSONDecoder().decode([PowerAccounts.Account].self, from: Data(listed.stdout.utf8))
        #expect(unlinked.map(\.accountNo) == ["002"])
        #expect(try MujunBinary.run(["accounts", "map", "002", "913202817642138543", "--reason", "x"], environment: env).status == 64)
        #expect(try MujunBinary.run(["accounts", "map", "002", Codes.e, "--reason", "供电公司确认", "--by", "王"],
                                    environment: env).status == 0)
        #expect(try MujunBinary.run(["accounts", "map", "001", Codes.f, "--reason", "改制"], environment: env).status == 0)
        #expect(try bench.strings("SELECT account_no, uscc, link_method FROM core.power_account_links ORDER BY 1")
                == ["001|\(Codes.f)|manual", "002|\(Codes.e)|manual"])
        #expect(try MujunBinary.run(["accounts", "unmap", "001", "--reason", "录错"], environment: env).status == 0)
        #expect(try bench.strings("SELECT account_no, uscc, link_method FROM core.power_account_links ORDER BY 1")
                == ["001|\(Codes.a)|name", "002|\(Codes.e)|manual"])
        #expect(try bench.strings("SELECT made_by, reason FROM runs.account_mappings WHERE account_no = '002'") == ["王|供电公司确认"])
    }
}
