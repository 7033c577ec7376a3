import Foundation
import MujunDatabase
import MujunTestSupport
import Testing

@Suite("SQL scripts: splitting, running, reporting a failure by file, line and statement")
struct SQLRunnerTests {
    @Test("statements split at semicolons outside strings, identifiers, dollar quotes, comments and BEGIN ATOMIC")
    func splitting() {
        let sql = """
            -- a comment; with a semicolon
            SELECT 'a;b', "c;d", E'it\\'s;' AS x;  /* trailing; comment */
            /* a /* nested; */ comment */ DO $body$ BEGIN PERFORM 1; END $body$;
            SELECT $$;$$, $1
            ;
            CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql
            BEGIN ATOMIC
              SELECT CASE WHEN true THEN 1 END;
              SELECT 2;
            END;
            SELECT a$b FROM (SELECT 1 AS "a$b"; ) t;
            SELECT 'no semicolon at the end'
            -- the end
            """
        let statements = SQLScript(name: "t.sql", sql: sql).statements
        #expect(statements.map(\.line) == [2, 3, 4, 6, 11, 12])
        #expect(statements.map(\.text) == [
            #"SELECT 'a;b', "c;d", E'it\'s;' AS x;"#,
            "DO $body$ BEGIN PERFORM 1; END $body$;",
            "SELECT $$;$$, $1\n;",
            "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT CASE WHEN true THEN 1 END;\n"
                + "  SELECT 2;\nEND;",
            #"SELECT a$b FROM (SELECT 1 AS "a$b"; ) t;"#,
            "SELECT 'no semicolon at the end'\n-- the end",
        ])
        // A transaction's BEGIN is a statement of its own, not an atomic body.
        #expect(SQLScript(name: "t.sql", sql: "BEGIN;\nSELECT 1;\nEND;").statements.map(\.text)
                == ["BEGIN;", "SELECT 1;", "END;"])
        #expect(SQLScript(name: "t.sql", sql: "-- only a comment\n\n").statements.isEmpty)
    }

    @Test("a folder whose second file fails on its third statement names that file, line and statement, and leaves nothing")
    func failingStatement() throws {
        let db = try TestDatabase.migrated()
        let connection = try db.connect()
        try connection.execute("CREATE TABLE core.probe (k int PRIMARY KEY, note text)")
        let folder = try TemporaryDirectory()
        _ = try folder.write("01_first.sql", """
            -- Step 1: two rows.
            INSERT INTO core.probe VALUES (1, current_setting('mujun.run_id'));
            INSERT INTO core.probe VALUES (2, 'two');
            """)
        _ = try folder.write("02_second.sql", """
            -- Step 2: the third statement divides by zero.
            -- (A comment first, as in every file of sql/: the old report showed this line.)
            INSERT INTO core.probe VALUES (3, 'three');

            UPDATE core.probe SET note = note || ';' WHERE k = 3;
            /* the failing one: */
            INSERT INTO core.probe
            SELECT 4, (1 / (k - 1))::text FROM core.probe WHERE k = 1;
            INSERT INTO core.probe VALUES (5, 'never');
            """)
        _ = try folder.write("03_third.sql", "INSERT INTO core.probe VALUES (6, 'never');\n")
        _ = try folder.write("notes.txt", "not SQL")
        let scripts = try SQLScript.folder(folder.url, displayedAs: "sql/probe")
        #expect(scripts.map(\.name) == ["sql/probe/01_first.sql", "sql/probe/02_second.sql", "sql/probe/03_third.sql"])

        #expect {
            try connection.transaction { tx in
                try SQLRunner(scripts, settings: [("mujun.run_id", "42")]).run(in: tx)
            }
        } throws: { error in
            guard let e = error as? DatabaseError else { return false }
            return e.code == .serverError && e.sqlState == "22012" && e.message == "division by zero"
                && e.scriptFile == "sql/probe/02_second.sql" && e.scriptLine == 7 && e.errorLine == 7
                && e.statement == "INSERT INTO core.probe\nSELECT 4, (1 / (k - 1))::text FROM core.probe WHERE k = 1;"
                && e.description.hasPrefix("sql/probe/02_second.sql:7: division by zero (SQLSTATE 22012)")
                && e.description.hasSuffix("""
                    STATEMENT (line 7):
                        INSERT INTO core.probe
                        SELECT 4, (1 / (k - 1))::text FROM core.probe WHERE k = 1;
                    """)
        }
        #expect(try connection.execute("SELECT count(*) FROM core.probe").scalarInt() == 0)

        // The same folder without the failure runs whole, with its setting, which ends with the transaction.
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("02_second.sql"))
        try connection.transaction { tx in
            try SQLRunner(try SQLScript.folder(folder.url, displayedAs: "sql/probe"),
                          settings: [("mujun.run_id", "42")]).run(in: tx)
        }
        #expect(try connection.execute("SELECT string_agg(k || '=' || note, ',' ORDER BY k) FROM core.probe").scalar()
                == "1=42,2=two,6=never")
        #expect(try connection.execute("SELECT current_setting('mujun.run_id', true)").scalar() ?? "" == "")
    }

    @Test("the server's position is mapped back to the line of the file it points at")
    func positionToLine() throws {
        let db = try TestDatabase.migrated()
        let connection = try db.connect()
        let script = SQLScript(name: "sql/probe/typo.sql", sql: """
            -- 名称 (multi-byte text before the error: positions count characters, not bytes)
            SELECT '甲乙丙' AS name,
                   1 AS one,
                   no_such_column
            FROM (SELECT 1) t;
            """)
        #expect {
            try connection.transaction { tx in try tx.run(script) }
        } throws: { error in
            guard let e = error as? DatabaseError else { return false }
            return e.sqlState == "42703" && e.position == 47 && e.scriptLine == 2 && e.errorLine == 4
                && e.description.hasPrefix("sql/probe/typo.sql:4: column \"no_such_column\" does not exist")
        }
    }
}
