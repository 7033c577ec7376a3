import MujunDatabase
import MujunTestSupport
import Testing

@Suite("Mart data dictionary")
struct MartDocumentationTests {
    /// The mart relations and columns whose own comment lacks Chinese or English: a column is
    /// judged by its own comment only, never by its view's.
    static func undocumented(_ connection: Connection) throws -> [String] {
        let objects = try connection.execute("""
            SELECT c.relname AS object, obj_description(c.oid, 'pg_class') AS comment
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'mart'
            WHERE c.relkind IN ('v', 'r', 'm', 'p')
            UNION ALL
            SELECT c.relname || '.' || a.attname, col_description(c.oid, a.attnum)
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'mart'
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE c.relkind IN ('v', 'r', 'm', 'p')
            ORDER BY 1
            """)
        var missing: [String] = []
        for r in 0..<objects.rowCount {
            let comment = objects.string(r, 1) ?? ""
            let hasChinese = comment.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
            let hasEnglish = comment.unicodeScalars.contains { ("a"..."z").contains($0) }
            if !hasChinese || !hasEnglish { missing.append(objects.string(r, 0)!) }
        }
        return missing
    }

    @Test("every mart view and column has a comment of its own in Chinese and English")
    func everyColumnCommented() throws {
        let db = try TestDatabase.migrated()
        let connection = try db.connect()
        // What analysts query (spec security.md): a new mart view is added here on purpose.
        #expect(try connection.execute("""
            SELECT string_agg(c.relname, ',' ORDER BY c.relname) FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'mart' WHERE c.relkind IN ('v', 'r', 'm', 'p')
            """).scalar() == "batches,disposal_progress,enterprise_grades,enterprise_year,grade_benchmarks,grade_points,"
                + "operator_entries,parcel_flags,policy_list_rows,rejects,unlinked_accounts")
        let missing = try Self.undocumented(connection)
        #expect(missing.isEmpty, "undocumented in Chinese and English: \(missing)")
    }

    @Test("the check finds a column without a comment of its own, though its view has one")
    func checkCanFail() throws {
        let db = try TestDatabase.migrated()
        let connection = try db.connect()
        try connection.executeScript("""
            CREATE VIEW mart.t_probe AS SELECT 1 AS documented, 2 AS bare, 3 AS english_only;
            COMMENT ON VIEW mart.t_probe IS '探针视图 / a probe view';
            COMMENT ON COLUMN mart.t_probe.documented IS '有注释 / documented';
            COMMENT ON COLUMN mart.t_probe.english_only IS 'english only';
            CREATE VIEW mart.t_bare AS SELECT 1 AS x;
            COMMENT ON COLUMN mart.t_bare.x IS '列 / a column';
            """)
        #expect(try Self.undocumented(connection).sorted() == ["t_bare", "t_probe.bare", "t_probe.english_only"])
    }
}
