import MujunDatabase
import MujunTestSupport
import Testing

@Suite("Mart data dictionary")
struct MartDocumentationTests {
    @Test("every mart view and column has a comment in Chinese and English")
    func everyColumnCommented() throws {
        let db = try TestDatabase.migrated()
        let connection = try db.connect()
        let undocumented = try connection.execute("""
            SELECT c.relname || coalesce('.' || a.attname, '') AS object,
                   coalesce(col_description(c.oid, a.attnum), obj_description(c.oid, 'pg_class')) AS comment
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'mart'
            LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE c.relkind IN ('v', 'r', 'm', 'p')
            """)
        #expect(undocumented.rowCount > 0)
        var missing: [String] = []
        for r in 0..<undocumented.rowCount {
            let object = undocumented.string(r, 0)!
            let comment = undocumented.string(r, 1) ?? ""
            let hasChinese = comment.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
            let hasEnglish = comment.unicodeScalars.contains { ("a"..."z").contains($0) }
            if !hasChinese || !hasEnglish { missing.append(object) }
        }
        #expect(missing.isEmpty, "undocumented in Chinese and English: \(missing)")
        // Every view itself has a comment too.
        #expect(try connection.execute("""
            SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'mart'
            WHERE c.relkind = 'v' AND obj_description(c.oid, 'pg_class') IS NULL
            """).scalarInt() == 0)
    }
}
