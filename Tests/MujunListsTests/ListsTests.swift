import Foundation
import MujunCore
import MujunDatabase
import MujunIngest
@testable import MujunLists
import MujunTestSupport
import Synchronization
import Testing

/// The lists of the hand-computed county of ListFixture.swift (spec lists.md, evaluation.md §7,
/// details.md #43–50, #64–66).
@Suite("Differential-policy lists")
struct ListsTests {
    static let f1 = ListFixture.uscc("F1"), f8 = ListFixture.uscc("F8"), f10 = ListFixture.uscc("F10")
    static let g1 = ListFixture.uscc("G1"), n1 = ListFixture.uscc("N1")

    static let electricityBasisF1 = "IDLE-1 闲置土地处置办法 第二条; grade_D 亩均效益综合评价D类; "
        + "金义新区 闲置工业用地盘地行动方案 四.3 差别化用电; 宿迁 2022 差别电价"
    static let electricityBasisD = "grade_D 亩均效益综合评价D类; 宿迁 2022 差别电价"
    static let idleFreezeBasis = "IDLE-1 闲置土地处置办法 第二条; 旌德 政办〔2022〕67号 五(三)4; 淮安 淮政办发〔2021〕14号 三(二)5"
    static let frozen = "转让;出租;抵押;变更登记"

    static let electricityHeader = "清单日期 list_date,户号 account_no,户名 account_name,统一社会信用代码 uscc,"
        + "企业名称 enterprise_name,区划代码 region_code,评价等级 grade,原因代码 reason_codes,"
        + "加价(元/千瓦时) surcharge_yuan_per_kwh,执行日期 effective_from,依据 basis\r\n"
    static let freezeHeader = "清单日期 list_date,宗地代码 parcel_id,不动产权证号 cert_no,统一社会信用代码 holder_uscc,"
        + "权利人 holder_name,区划代码 region_code,宗地面积(平方米) area_m2,宗地面积(亩) area_mu,认定标志 flag_codes,"
        + "认定书编号 determination_no,暂停事项 frozen_acts,执行日期 effective_from,依据 basis\r\n"

    @Test("electricity: D for the third year and an idle parcel give one row per account at 0.10, both reasons")
    func electricity() throws {
        let fixture = try ListFixture()
        let summaries = try fixture.export(date: "2025-03-01")
        #expect(summaries.map(\.list) == ["electricity", "water", "gas", "mortgage-freeze", "verification"])
        let (f1, g1) = (ListsTests.f1, ListsTests.g1)
        // Larger, not the sum: 0.10 (D, third year) against 0.05 (idle) → 0.10, not 0.15.
        #expect(try fixture.text(.electricity, "2025-03-01", "electricity.csv") == ListsTests.electricityHeader
            + "2025-03-01,101,企业F1,\(f1),企业F1,320101,D,IDLE-1;grade_D,0.10,2025-01-01,\(ListsTests.electricityBasisF1)\r\n"
            + "2025-03-01,201,企业F1二车间,\(f1),企业F1,320101,D,IDLE-1;grade_D,0.10,2025-01-01,\(ListsTests.electricityBasisF1)\r\n"
            + "2025-03-01,113,企业G1,\(g1),企业G1,320101,D,grade_D,0.05,2025-01-01,\(ListsTests.electricityBasisD)\r\n")
        // F10: idle only (its grade is C, no C surcharge by default), and no power account.
        #expect(try fixture.text(.electricity, "2025-03-01", "no_account.csv") ==
            "清单日期 list_date,统一社会信用代码 uscc,企业名称 enterprise_name,区划代码 region_code,评价等级 grade,"
            + "原因代码 reason_codes,加价(元/千瓦时) surcharge_yuan_per_kwh,执行日期 effective_from,依据 basis\r\n"
            + "2025-03-01,\(ListsTests.f10),企业F10,320102,C,IDLE-1,0.05,2025-02-01,"
            + "IDLE-1 闲置土地处置办法 第二条; 金义新区 闲置工业用地盘地行动方案 四.3 差别化用电\r\n")
        #expect(try fixture.text(.electricity, "2025-03-01", "changes.csv") ==
            "变更 change,户号 account_no,统一社会信用代码 uscc,原因代码 reason_codes,原加价 old_surcharge,新加价 new_surcharge\r\n"
            + "added,101,\(f1),IDLE-1;grade_D,,0.10\r\n"
            + "added,201,\(f1),IDLE-1;grade_D,,0.10\r\n"
            + "added,113,\(g1),grade_D,,0.05\r\n")

        let manifest = summaries[0].manifest
        #expect(manifest.rowCount == 3 && manifest.noAccountCount == 1 && manifest.added == 3)
        #expect(manifest.evaluationYear == 2024 && manifest.flagAsOf == "2025-02-01" && manifest.changesSince == nil)
        #expect(manifest.policy == "default" && manifest.policySHA256 == ListFixture.defaultProfile.sha256)
        #expect(try fixture.strings("""
            SELECT r.run_id = \(manifest.evaluationRun!) FROM runs.evaluation_runs r WHERE r.year = 2024 AND r.published
            """) == ["t"])
    }

    @Test("water: the larger of D and idle (0.17, not 0.34); accounts from the accounts extract")
    func water() throws {
        let fixture = try ListFixture()
        try fixture.export([.water], date: "2025-03-01")
        let basisF1 = "IDLE-1 闲置土地处置办法 第二条; grade_D 亩均效益综合评价D类; "
            + "金义新区 闲置工业用地盘地行动方案 四.3 差别化用水; 太仓 2018 差别水价(污水处理费)"
        #expect(try fixture.text(.water, "2025-03-01", "water.csv") ==
            "清单日期 list_date,户号 account_no,户名 account_name,统一社会信用代码 uscc,企业名称 enterprise_name,"
            + "区划代码 region_code,评价等级 grade,原因代码 reason_codes,加价(元/立方米) surcharge_yuan_per_m3,"
            + "执行日期 effective_from,依据 basis\r\n"
            + "2025-03-01,5001,水F1,\(ListsTests.f1),企业F1,320101,D,IDLE-1;grade_D,0.17,2025-01-01,\(basisF1)\r\n"
            + "2025-03-01,5010,水F10,\(ListsTests.f10),企业F10,320102,C,IDLE-1,0.17,2025-02-01,"
            + "IDLE-1 闲置土地处置办法 第二条; 金义新区 闲置工业用地盘地行动方案 四.3 差别化用水\r\n")
        // G1 (D) has no water account.
        #expect(try fixture.text(.water, "2025-03-01", "no_account.csv").hasSuffix(
            "2025-03-01,\(ListsTests.g1),企业G1,320101,D,grade_D,0.17,2025-01-01,"
            + "grade_D 亩均效益综合评价D类; 太仓 2018 差别水价(污水处理费)\r\n"))
    }

    @Test("mortgage freeze: every IDLE-*/INEFF-* parcel whatever the cause; with and without a determination")
    func mortgageFreeze() throws {
        let fixture = try ListFixture()
        try fixture.export([.mortgageFreeze], date: "2025-03-01")
        let ineff3 = "INEFF-3 旌德 政办〔2022〕67号 二(二)3 亩均税收低; 旌德 政办〔2022〕67号 五(三)4"
        let expected = ListsTests.freezeHeader
            + "2025-03-01,P-F1,证P-F1,\(ListsTests.f1),企业F1,320101,10000.00,15.00,INEFF-3,,\(ListsTests.frozen),2025-02-01,\(ineff3)\r\n"
            + "2025-03-01,P-F1-idle,证P-F1-idle,\(ListsTests.f1),企业F1,320101,5000.00,7.50,IDLE-1,闲认〔2024〕1号,"
            + "\(ListsTests.frozen),2025-02-01,\(ListsTests.idleFreezeBasis)\r\n"
            + "2025-03-01,P-G1,证P-G1,\(ListsTests.g1),企业G1,320101,2000.00,3.00,INEFF-2,,\(ListsTests.frozen),2025-02-01,"
            + "INEFF-2 旌德 政办〔2022〕67号 二(二)2 未按约定建设; 旌德 政办〔2022〕67号 五(三)4\r\n"
            + "2025-03-01,P-N1,证P-N1,\(ListsTests.n1),企业N1,320101,10000.00,15.00,INEFF-3;INEFF-5,,\(ListsTests.frozen),2025-02-01,"
            + "INEFF-3 旌德 政办〔2022〕67号 二(二)3 亩均税收低; INEFF-5 旌德 政办〔2022〕67号 二(二)5 淘汰类或僵尸企业; "
            + "旌德 政办〔2022〕67号 五(三)4\r\n"
            + "2025-03-01,P-F10-idle,证P-F10-idle,\(ListsTests.f10),企业F10,320102,5000.00,7.50,IDLE-1,,\(ListsTests.frozen),"
            + "2025-02-01,\(ListsTests.idleFreezeBasis)\r\n"
            + "2025-03-01,P-F8-idle,证P-F8-idle,\(ListsTests.f8),企业F8,320102,5000.00,7.50,IDLE-1,,\(ListsTests.frozen),"
            + "2025-02-01,\(ListsTests.idleFreezeBasis)\r\n"
        #expect(try fixture.text(.mortgageFreeze, "2025-03-01", "mortgage-freeze.csv") == expected)
        #expect(!FileManager.default.fileExists(atPath: fixture.file(.mortgageFreeze, "2025-03-01", "no_account.csv").path))

        // freeze_requires_determination: only the parcel with a 认定书编号 remains.
        let strict = try ListFixture.profile(replacing: [("freeze_requires_determination: false", "freeze_requires_determination: true")])
        let other = try TemporaryDirectory()
        let summary = try fixture.export([.mortgageFreeze], date: "2025-03-01", to: other.url, policy: strict)[0]
        #expect(try fixture.text(.mortgageFreeze, "2025-03-01", "mortgage-freeze.csv", in: other.url) == ListsTests.freezeHeader
            + "2025-03-01,P-F1-idle,证P-F1-idle,\(ListsTests.f1),企业F1,320101,5000.00,7.50,IDLE-1,闲认〔2024〕1号,"
            + "\(ListsTests.frozen),2025-02-01,\(ListsTests.idleFreezeBasis)\r\n")
        #expect(summary.manifest.policySHA256 == strict.sha256 && summary.manifest.rowCount == 1)
    }

    @Test("a profile's C surcharge lists C firms with grade_C")
    func cSurcharge() throws {
        let fixture = try ListFixture()
        let profile = try ListFixture.profile(replacing: [("electricity: {C: 0,", "electricity: {C: 0.03,")])
        try fixture.export([.electricity], date: "2025-03-01", policy: profile)
        let text = try fixture.text(.electricity, "2025-03-01", "electricity.csv")
        // F10 is C (idle-land veto) and idle: max(0.03, 0.05), dated by the ground whose
        // surcharge applies, the idle land's (the flag run's date, procedure.md §2); no account.
        #expect(try fixture.text(.electricity, "2025-03-01", "no_account.csv").contains(
            "\(ListsTests.f10),企业F10,320102,C,IDLE-1;grade_C,0.05,2025-02-01,"))
        let cFirms = try fixture.strings("""
            SELECT count(*) FROM runs.enterprise_grades g JOIN runs.evaluation_runs r USING (run_id)
            WHERE r.year = 2024 AND r.published AND g.grade = 'C' AND g.uscc <> $1
            """, [ListsTests.f10])
        // F2, F3 and F4 (GradingTests' worked example: F1's extra idle parcel keeps it last).
        #expect(cFirms == ["3"])
        #expect(text.components(separatedBy: ",grade_C,0.03,2025-01-01,").count - 1 == Int(cFirms[0])!)
    }

    @Test("changes: a parcel resolved between two exports is removed; changed codes on the same account")
    func changes() throws {
        let fixture = try ListFixture()
        try fixture.export(date: "2025-03-01")
        // P-F1-idle and P-F8-idle start on 2025-03-10; the run as of 2025-04-01 no longer flags them.
        try fixture.load(.parcels, "parcels_2025-03-15.csv", ListFixture.parcels(started: ["P-F1-idle", "P-F8-idle"]))
        try fixture.flag(asOf: "2025-04-01")
        let summaries = try fixture.export(date: "2025-04-01")
        let (f1, f8) = (ListsTests.f1, ListsTests.f8)
        #expect(try fixture.text(.mortgageFreeze, "2025-04-01", "changes.csv") ==
            "变更 change,宗地代码 parcel_id,统一社会信用代码 uscc,原因代码 reason_codes,原加价 old_surcharge,新加价 new_surcharge\r\n"
            + "removed,P-F1-idle,\(f1),IDLE-1,,\r\n"
            + "removed,P-F8-idle,\(f8),IDLE-1,,\r\n")
        #expect(try fixture.text(.electricity, "2025-04-01", "changes.csv").hasSuffix("new_surcharge\r\n"
            + "changed,101,\(f1),grade_D,0.10,0.10\r\n"
            + "changed,201,\(f1),grade_D,0.10,0.10\r\n"))
        #expect(summaries[3].manifest.list == "mortgage-freeze" && summaries[3].manifest.removed == 2 && summaries[3].manifest.rowCount == 4)
        #expect(summaries.allSatisfy { $0.manifest.changesSince == "2025-03-01" })
        // A second export of the earlier date compares with nothing earlier: everything added.
        let again = try fixture.export([.mortgageFreeze], date: "2025-03-01")[0]
        #expect(again.manifest.changesSince == nil && again.manifest.added == 6)
    }

    @Test("exporting twice from the same data gives byte-identical files and manifests")
    func reproducible() throws {
        let fixture = try ListFixture()
        try fixture.export(date: "2025-03-01")
        let first = try ListsTests.contents(of: fixture.out.url)
        let other = try TemporaryDirectory()
        try fixture.export(date: "2025-03-01", to: other.url)
        try fixture.export(date: "2025-03-01")
        #expect(try ListsTests.contents(of: other.url) == first)
        #expect(try ListsTests.contents(of: fixture.out.url) == first)
        #expect(first.count == 23)
        #expect(try fixture.strings("SELECT count(*) FROM runs.list_exports") == ["15"])
    }

    @Test("UTF-8 files start with a BOM and use CRLF; the GB18030 file decodes to the same text")
    func encodings() throws {
        let fixture = try ListFixture()
        try fixture.export(date: "2025-03-01")
        let gb = try TemporaryDirectory()
        let summaries = try fixture.export(date: "2025-03-01", to: gb.url, encoding: .gb18030)
        #expect(summaries.allSatisfy { $0.manifest.encoding == "gb18030" })
        for list in PolicyList.allCases {
            for name in [list.fileName, "changes.csv"] + (list.isPerAccount ? ["no_account.csv"] : []) {
                let utf8 = try Data(contentsOf: fixture.file(list, "2025-03-01", name))
                #expect(utf8.starts(with: [0xEF, 0xBB, 0xBF]), "\(name) has a BOM")
                let text = String(decoding: utf8.dropFirst(3), as: UTF8.self)
                #expect(text.hasSuffix("\r\n") && !text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
                let gbData = try Data(contentsOf: fixture.file(list, "2025-03-01", name, in: gb.url))
                #expect(!gbData.starts(with: [0xEF, 0xBB, 0xBF]))
                #expect(gbData != utf8.dropFirst(3))
                let decoded = String(data: gbData, encoding: String.Encoding(rawValue: 0x8000_0632))
                #expect(decoded == text, "\(list) \(name) decodes from GB18030 to the UTF-8 text")
            }
        }
        // The CSV reads back with the project's own reader too: UTF-8 with BOM, Chinese intact.
        let csv = try fixture.text(.electricity, "2025-03-01", "electricity.csv")
        #expect(csv.hasPrefix("清单日期 list_date,户号 account_no"))
    }

    @Test("LIST.xlsx: the same rows, codes as text cells, surcharges and areas as numbers")
    func workbook() throws {
        let fixture = try ListFixture()
        try fixture.export([.electricity, .mortgageFreeze], date: "2025-03-01")
        let script = """
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None
            print(";".join(z.namelist()))
            print(z.read("xl/worksheets/sheet1.xml").decode("utf-8"))
            """
        let book = fixture.file(.electricity, "2025-03-01", "electricity.xlsx")
        let result = try ListsTests.shell(["python3", "-c", script, book.path], in: fixture.out.url)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.hasPrefix("[Content_Types].xml;_rels/.rels;xl/workbook.xml;xl/_rels/workbook.xml.rels;"
                                        + "xl/styles.xml;xl/worksheets/sheet1.xml\n"))
        #expect(result.output.contains(#"<c r="B1" s="1" t="inlineStr"><is><t xml:space="preserve">户号 account_no</t></is></c>"#))
        #expect(result.output.contains(#"<c r="B2" s="1" t="inlineStr"><is><t xml:space="preserve">101</t></is></c>"#))
        #expect(result.output.contains("<c r=\"D2\" s=\"1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(ListsTests.f1)</t></is></c>"))
        #expect(result.output.contains(#"<c r="I2" s="2"><v>0.10</v></c>"#))
        #expect(result.output.contains(#"<row r="4">"#) && !result.output.contains(#"<row r="5">"#))
        let freeze = try ListsTests.shell(["python3", "-c", script, fixture.file(.mortgageFreeze, "2025-03-01", "mortgage-freeze.xlsx").path],
                                          in: fixture.out.url)
        #expect(freeze.output.contains(#"<c r="G2" s="2"><v>10000.00</v></c><c r="H2" s="2"><v>15.00</v></c>"#), "\(freeze.output)")
        // An empty field is no cell at all (P-F1 has no determination number: column J).
        #expect(freeze.output.contains(#"<c r="I2" s="1" t="inlineStr"><is><t xml:space="preserve">INEFF-3</t></is></c><c r="K2""#))
    }

    @Test("LibreOffice opens the UTF-8 CSV and the workbook with the same cells as the file (when installed)",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/soffice")))
    func libreOffice() throws {
        let fixture = try ListFixture()
        try fixture.export([.electricity], date: "2025-03-01")
        let folder = fixture.file(.electricity, "2025-03-01", "x").deletingLastPathComponent()
        let converted = try TemporaryDirectory()
        // Each file opened by LibreOffice and saved again as a UTF-8 CSV of the cells as shown
        // (44 comma, 34 quote, 76 UTF-8): the BOM must not leak into the first cell, nor Chinese break.
        func convert(_ name: String, filter: String) throws -> String {
            let input = converted.url.appendingPathComponent(name)
            try FileManager.default.copyItem(at: folder.appendingPathComponent(name), to: input)
            let outdir = converted.url.appendingPathComponent(name + ".out")
            let result = try ListsTests.shell(
                ["soffice", "-env:UserInstallation=file://\(converted.url.path)/profile", "--headless",
                 "--infilter=\(filter)", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false",
                 "--outdir", outdir.path, input.path], in: converted.url)
            #expect(result.status == 0, "\(result.output)")
            return try String(contentsOf: outdir.appendingPathComponent(input.deletingPathExtension().lastPathComponent + ".csv"),
                              encoding: .utf8)
        }
        // The CSV imported as UTF-8 with every column as text (what the docs tell recipients to do).
        let textColumns = (1...PolicyList.electricity.columns.count).map { "\($0)/2" }.joined(separator: "/")
        let fromCSV = try convert("electricity.csv", filter: "Text - txt - csv (StarCalc):44,34,76,1,\(textColumns)")
        let fromBook = try convert("electricity.xlsx", filter: "Calc MS Excel 2007 XML")
        #expect(fromCSV.hasPrefix("清单日期 list_date,户号 account_no"), "\(fromCSV)")
        #expect(fromCSV.contains("企业F1二车间") && fromCSV.contains(ListsTests.f1))
        #expect(fromBook.contains(ListsTests.f1) && fromBook.contains(",0.10,") && fromBook.contains("企业F1二车间"), "\(fromBook)")
        let lines = { (text: String) in text.split(whereSeparator: \.isNewline).map(String.init) }
        #expect(lines(fromBook) == lines(fromCSV))
        #expect(lines(fromCSV) == lines(try fixture.text(.electricity, "2025-03-01", "electricity.csv")))
    }

    @Test("a file verifies against its manifest with sha256sum")
    func manifestVerifies() throws {
        let fixture = try ListFixture()
        try fixture.export(date: "2025-03-01")
        let folder = fixture.file(.electricity, "2025-03-01", "manifest.json").deletingLastPathComponent()
        let manifest = try JSONDecoder().decode(ListManifest.self, from: Data(contentsOf: folder.appendingPathComponent("manifest.json")))
        #expect(Set(manifest.files.keys) == ["electricity.csv", "electricity.xlsx", "changes.csv", "no_account.csv"])
        // The recipient's check (docs/lists.md): one "HASH  NAME" line per file, `sha256sum -c`.
        let sums = manifest.files.sorted { $0.key < $1.key }.map { "\($0.value)  \($0.key)\n" }.joined()
        try Data(sums.utf8).write(to: folder.appendingPathComponent("SHA256SUMS"))
        let check = try ListsTests.shell(["sha256sum", "-c", "SHA256SUMS"], in: folder)
        #expect(check.status == 0, "\(check.output)")
        #expect(check.output.contains("electricity.csv: OK"))
        // A changed byte fails the check.
        let file = folder.appendingPathComponent("electricity.csv")
        var data = try Data(contentsOf: file)
        data[data.count - 3] = UInt8(ascii: "9")
        try data.write(to: file)
        #expect(try ListsTests.shell(["sha256sum", "-c", "SHA256SUMS"], in: folder).status != 0)
        // The manifest itself: sorted keys, no timestamp, nulls spelled out.
        let text = try String(contentsOf: folder.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(text.hasPrefix("{\n  \"added\" : 3,\n  \"changed\" : 0,\n  \"changes_since\" : null,"))
        // Recorded in PostgreSQL with the manifest's own hash.
        let recorded = try fixture.strings("""
            SELECT files ->> 'electricity.csv', files ->> 'manifest.json' FROM runs.list_exports WHERE list = 'electricity'
            """)
        #expect(recorded == ["\(manifest.files["electricity.csv"]!)|\(ListExporter.sha256(Data(text.utf8)))"])
    }

    @Test("files are created mode 0640")
    func fileMode() throws {
        let fixture = try ListFixture()
        let previous = umask(0)
        defer { umask(previous) }
        try fixture.export([.water], date: "2025-03-01")
        for name in ["water.csv", "water.xlsx", "changes.csv", "no_account.csv", "manifest.json"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: fixture.file(.water, "2025-03-01", name).path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o640, "\(name)")
        }
    }

    @Test("a failure before the commit leaves no folder, no staging folder and no export; rerunning completes")
    func interrupted() throws {
        let fixture = try ListFixture()
        let exporter = try fixture.exporter()
        struct Killed: Error {}
        var staged: [String] = []
        var staging: URL?
        exporter.beforeCommit = { folder in
            staging = folder
            staged = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            throw Killed()
        }
        #expect(throws: Killed.self) {
            _ = try exporter.export([.electricity], date: CalendarDay("2025-03-01")!, to: fixture.out.url,
                                    policy: ListFixture.defaultProfile, generatorVersion: "mujun test", madeBy: "test")
        }
        // Written into a fresh staging folder beside the final one, never under the final name.
        #expect(staged == ["changes.csv", "electricity.csv", "electricity.xlsx", "manifest.json", "no_account.csv"])
        #expect(staging?.lastPathComponent.hasPrefix(".2025-03-01.partial-") == true)
        let folder = fixture.file(.electricity, "2025-03-01", "x").deletingLastPathComponent()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.deletingLastPathComponent().path) == [])
        #expect(try fixture.strings("SELECT count(*) FROM runs.list_exports") == ["0"])
        #expect(try fixture.strings("SELECT count(*) FROM runs.list_rows") == ["0"])

        // A killed process leaves its staging folder behind: the next export removes it.
        let dead = folder.deletingLastPathComponent().appendingPathComponent(".2025-03-01.partial-dead01")
        try FileManager.default.createDirectory(at: dead, withIntermediateDirectories: true)
        try Data("half a list".utf8).write(to: dead.appendingPathComponent("electricity.csv"))
        try fixture.export([.electricity], date: "2025-03-01")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.deletingLastPathComponent().path) == ["2025-03-01"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                == ["changes.csv", "electricity.csv", "electricity.xlsx", "manifest.json", "no_account.csv"])
        #expect(try fixture.text(.electricity, "2025-03-01", "electricity.csv").hasPrefix(ListsTests.electricityHeader))
    }

    @Test("a kill between the commit and the publish: readers keep the old set, whole; the export is not current; a rerun publishes")
    func killedBeforePublish() throws {
        let fixture = try ListFixture()
        try fixture.export([.electricity], date: "2025-03-01")
        let folder = fixture.file(.electricity, "2025-03-01", "x").deletingLastPathComponent()
        let old = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            .map { ($0, try Data(contentsOf: folder.appendingPathComponent($0))) }
        // A planted symlink in the old set is removed with it, never followed (issue 16 item 5).
        let target = try fixture.out.write("outside.txt", "untouched")
        try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("electricity.csv.part"), withDestinationURL: target)

        let exporter = try fixture.exporter()
        struct Killed: Error {}
        exporter.beforePublish = { _ in throw Killed() }
        #expect(throws: Killed.self) {
            _ = try exporter.export([.electricity], date: CalendarDay("2025-03-01")!, to: fixture.out.url,
                                    policy: ListFixture.defaultProfile, generatorVersion: "mujun test", madeBy: "test")
        }
        // Before issue 16 the files were renamed one by one after the commit: a kill there left
        // a new changes.csv beside the old list and manifest. Now the old set is there, whole.
        for (name, data) in old { #expect(try Data(contentsOf: folder.appendingPathComponent(name)) == data, "\(name)") }
        #expect(try fixture.strings("SELECT export_id || ' ' || (published_at IS NOT NULL) FROM runs.list_exports ORDER BY 1")
                == ["1 true", "2 false"])
        #expect(try fixture.strings("SELECT DISTINCT export_id FROM mart.policy_list_rows") == ["1"])

        // The rerun swaps the new set in, in one step, and the planted link's target is untouched.
        try fixture.export([.electricity], date: "2025-03-01")
        #expect(try fixture.strings("SELECT DISTINCT export_id FROM mart.policy_list_rows") == ["3"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                == ["changes.csv", "electricity.csv", "electricity.xlsx", "manifest.json", "no_account.csv"])
        #expect(try String(contentsOf: target, encoding: .utf8) == "untouched")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.deletingLastPathComponent().path) == ["2025-03-01"])
    }

    @Test("a list or date folder that is a symbolic link is refused (73), and nothing is written through it")
    func symlinkedFolder() throws {
        let fixture = try ListFixture()
        let elsewhere = try TemporaryDirectory()
        try FileManager.default.createSymbolicLink(at: fixture.out.url.appendingPathComponent("electricity"),
                                                   withDestinationURL: elsewhere.url)
        let outcome = try MujunBinary.run(["export", "electricity", "--date", "2025-03-01", "--out", fixture.out.url.path],
                                          environment: fixture.db.environment)
        #expect(outcome.status == 73, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("is a symbolic link"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.url.path) == [])
        #expect(try fixture.strings("SELECT count(*) FROM runs.list_exports") == ["0"])
    }

    @Test("a rule statement the server rejects is named by file, line and statement, with the constraint; nothing is kept")
    func failingRule() throws {
        let fixture = try ListFixture()
        // Water rows become unacceptable: the INSERT of per_account_rows.sql fails on the check.
        try fixture.connection.execute("ALTER TABLE runs.list_rows ADD CONSTRAINT no_water CHECK (list <> 'water')")
        let file = ListExporter.ruleDirectory.appendingPathComponent("per_account_rows.sql")
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let insert = try #require(lines.firstIndex { $0.hasPrefix("INSERT INTO runs.list_rows") }) + 1
        #expect {
            try fixture.export([.water], date: "2025-03-01")
        } throws: { error in
            guard let e = error as? DatabaseError else { return false }
            return e.sqlState == "23514" && e.constraint == "no_water" && e.schema == "runs" && e.table == "list_rows"
                && e.scriptFile == "sql/lists/per_account_rows.sql" && e.scriptLine == insert
                && e.statement?.hasPrefix("INSERT INTO runs.list_rows (export_id, list, list_date, key,") == true
                && e.statement?.hasSuffix("CROSS JOIN list_context c;") == true
                && e.description.hasPrefix("sql/lists/per_account_rows.sql:\(insert): new row for relation \"list_rows\"")
        }
        #expect(try fixture.strings("SELECT count(*) FROM runs.list_exports") == ["0"])
        #expect(try fixture.strings("SELECT count(*) FROM runs.list_rows") == ["0"])
        #expect(!FileManager.default.fileExists(atPath: fixture.file(.water, "2025-03-01", "water.csv").path))
    }

    @Test("SIGKILL while the export waits for the database leaves no file under a final name")
    func killed() throws {
        let fixture = try ListFixture()
        // Hold the export table so that the CLI blocks inside its transaction, then kill it.
        let blocker = try fixture.db.connect()
        try blocker.execute("BEGIN")
        try blocker.execute("LOCK TABLE runs.list_exports IN ACCESS EXCLUSIVE MODE")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: MujunBinary.path)
        process.arguments = ["export", "all", "--date", "2025-03-01", "--out", fixture.out.url.path,
                             "--policy", CountyFixture.defaultProfileURL.path]
        process.environment = fixture.db.environment
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        var waited = 0
        while waited < 1200 && process.isRunning {
            // Not on the blocker: pg_stat_activity is a snapshot for the rest of a transaction.
            let waiting = try fixture.connection.execute("""
                SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
                """).scalarInt()
            if waiting > 0 { break }
            usleep(50_000)
            waited += 1
        }
        let wasWaiting = process.isRunning && waited < 1200
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(wasWaiting, "the export never waited for the locked table: \(stderr)")
        #expect(process.terminationReason == .uncaughtSignal)
        try blocker.execute("ROLLBACK")
        // The killed client's server session ends (and its advisory lock with it) once it runs on.
        for _ in 0..<200 {
            let left = try blocker.execute("""
                SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'mujun export pid=%'
                """).scalarInt()
            if left == 0 { break }
            usleep(50_000)
        }
        let names = (FileManager.default.enumerator(atPath: fixture.out.url.path)?.allObjects as? [String]) ?? []
        #expect(!names.contains { $0.hasSuffix(".csv") || $0.hasSuffix(".json") }, "\(names)")
        // Rerunning completes.
        let rerun = try MujunBinary.run(["export", "all", "--date", "2025-03-01", "--out", fixture.out.url.path,
                                         "--policy", CountyFixture.defaultProfileURL.path, "--json"],
                                        environment: fixture.db.environment)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stdout.contains("\"export_id\""))
        #expect(try fixture.text(.electricity, "2025-03-01", "electricity.csv").hasPrefix(ListsTests.electricityHeader))
    }

    @Test("the command line: exit 73 for an output that cannot be written, 64 for a bad list or date")
    func commandLine() throws {
        let fixture = try ListFixture(evaluate: false)
        let file = try fixture.folder.write("not-a-folder", "x")
        let blocked = try MujunBinary.run(["export", "water", "--date", "2025-03-01", "--out", file.path],
                                          environment: fixture.db.environment)
        #expect(blocked.status == 73, "\(blocked.stderr)")
        #expect(try fixture.strings("SELECT count(*) FROM runs.list_exports") == ["0"])
        #expect(try MujunBinary.run(["export", "steam", "--date", "2025-03-01", "--out", fixture.out.url.path],
                                    environment: fixture.db.environment).status == 64)
        #expect(try MujunBinary.run(["export", "all", "--date", "2025-02-30", "--out", fixture.out.url.path],
                                    environment: fixture.db.environment).status == 64)
        let ok = try MujunBinary.run(["export", "mortgage-freeze", "--date", "2025-03-01", "--out", fixture.out.url.path],
                                     environment: fixture.db.environment)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("mortgage-freeze 2025-03-01: 0 rows"))
    }

    @Test("no published evaluation and no flag run: no rows, null runs in the manifest")
    func missingInputs() throws {
        let fixture = try ListFixture(evaluate: false)
        let summaries = try fixture.export(date: "2025-03-01")
        for s in summaries {
            #expect(s.manifest.evaluationRun == nil && s.manifest.flagRun == nil && s.manifest.rowCount == 0)
        }
        let manifest = try fixture.text(.electricity, "2025-03-01", "manifest.json")
        #expect(manifest.contains("\"evaluation_run\" : null") && manifest.contains("\"flag_run\" : null"))
        #expect(try fixture.text(.electricity, "2025-03-01", "electricity.csv") == ListsTests.electricityHeader)
        // A list dated in 2024 cannot use the 2024 grades (they apply from 1 January 2025).
        let graded = try ListFixture()
        let early = try graded.export([.electricity], date: "2024-12-31")[0]
        #expect(early.manifest.evaluationYear == 2023 && early.manifest.flagRun == nil)
    }

    @Test("mart.policy_list_rows: who was on which list and why, limited to a region analyst's townships")
    func mart() throws {
        let fixture = try ListFixture()
        try fixture.export(date: "2025-03-01")
        try fixture.export([.mortgageFreeze], date: "2025-03-01")  // a second export of the date: the latest counts
        #expect(try fixture.strings("""
            SELECT list, list_date, key, reason_codes, coalesce(surcharge::text, '∅') FROM mart.policy_list_rows
            WHERE uscc = $1 ORDER BY list, key
            """, [ListsTests.f1]) == [
                "electricity|2025-03-01|101|IDLE-1;grade_D|0.1", "electricity|2025-03-01|201|IDLE-1;grade_D|0.1",
                "mortgage-freeze|2025-03-01|P-F1|INEFF-3|∅", "mortgage-freeze|2025-03-01|P-F1-idle|IDLE-1|∅",
                "verification|2025-03-01|P-F1|INEFF-3|∅", "verification|2025-03-01|P-F1-idle|IDLE-1|∅",
                "water|2025-03-01|5001|IDLE-1;grade_D|0.17",
            ])
        #expect(try fixture.strings("SELECT count(*), count(DISTINCT export_id) FROM mart.policy_list_rows") == ["17|4"])

        let name = "t_lists_\(ProcessInfo.processInfo.processIdentifier)_\(ListsTests.counter.add(1, ordering: .relaxed).newValue)"
        try fixture.connection.execute("CREATE ROLE \(name) LOGIN")
        try fixture.connection.execute("GRANT mujun_analyst TO \(name)")
        try RegionGrants(connection: fixture.connection).grant(role: name, regions: ["320102"], by: "test")
        let analyst = try Connection(try ConnectionString("dbname=\(fixture.db.name) user=\(name)"))
        let seen = try analyst.execute("SELECT list || ' ' || key FROM mart.policy_list_rows ORDER BY 1")
        #expect((0..<seen.rowCount).map { seen.string($0, 0)! }
                == ["mortgage-freeze P-F10-idle", "mortgage-freeze P-F8-idle", "verification P-F10-idle", "verification P-F8-idle",
                    "water 5010"])
        #expect(performing: { try analyst.execute("SELECT 1 FROM runs.list_rows LIMIT 1") }, throws: { error in
            (error as? DatabaseError)?.sqlState == "42501"
        })
    }

    static let counter = Atomic<Int>(0)

    /// Every file under `root` (relative path → bytes).
    static func contents(of root: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let names = (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String]) ?? []
        for name in names {
            var isDirectory: ObjCBool = false
            let url = root.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                out[name] = try Data(contentsOf: url)
            }
        }
        return out
    }

    static func shell(_ arguments: [String], in folder: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
