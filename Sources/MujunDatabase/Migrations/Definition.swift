import Foundation
import MujunCore

/// One file of `sql/definitions/<schema>/<name>.sql`: a view or a function, written as
/// `CREATE OR REPLACE …` with its `COMMENT ON`s, that `mujun migrate` applies again whenever the
/// file changes (Flyway's repeatable migrations; docs/architecture.md).
///
/// A definition names every object it reads with its schema (`core.tax_current`), and that is
/// how its dependencies are found: no list of them is kept by hand.
public struct Definition: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case view
        case function
    }

    public let schema: String
    public let name: String
    public let kind: Kind
    public let sql: String
    /// SHA-256 of the file's bytes, hex.
    public let checksum: String
    /// The other definitions this one names (qualified names), sorted.
    public internal(set) var dependencies: [String]
    /// Every qualified name the file mentions outside comments and string literals.
    let mentions: Set<String>

    /// `schema.name`, the record key and the object's name in the database.
    public var qualifiedName: String { "\(schema).\(name)" }
    public var fileName: String { "\(schema)/\(name).sql" }

    /// The file as the runner names it in errors: `sql/definitions/core/idle_parcels.sql`.
    public var script: SQLScript { SQLScript(name: "sql/definitions/\(fileName)", sql: sql) }

    static let schemas = ["core", "mart", "runs", "public", "staging"]

    public init(schema: String, name: String, data: Data) throws {
        self.schema = schema
        self.name = name
        let file = "\(schema)/\(name).sql"
        guard let text = String(data: data, encoding: .utf8) else {
            throw DatabaseError(.migrationMismatch, message: "definition \(file) is not UTF-8 text")
        }
        sql = text
        checksum = sha256Hex(data)
        let code = Definition.code(of: text)

        let creates = code.matches(of: try Regex(#"(?i)\bCREATE\s+(OR\s+REPLACE\s+)?(VIEW|FUNCTION)\s+([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)"#))
        guard creates.count == 1, let create = creates.first else {
            throw DatabaseError(.migrationMismatch, message:
                "definition \(file): a definition file creates exactly one view or function (found \(creates.count))")
        }
        guard create.output[1].substring != nil else {
            throw DatabaseError(.migrationMismatch, message:
                "definition \(file): write CREATE OR REPLACE, so that an unchanged object is replaced in place")
        }
        let declared = "\(create.output[3].substring ?? "").\(create.output[4].substring ?? "")"
        guard declared == "\(schema).\(name)" else {
            throw DatabaseError(.migrationMismatch, message:
                "definition \(file) creates \(declared): a definition's file is named after its object")
        }
        kind = (create.output[2].substring ?? "").lowercased() == "view" ? .view : .function

        let qualified = try Regex("\\b(" + Definition.schemas.joined(separator: "|") + #")\.([a-z_][a-z0-9_]*)\b"#)
        mentions = Set(code.matches(of: qualified).map { "\($0.output[1].substring ?? "").\($0.output[2].substring ?? "")" })
        dependencies = []
    }

    /// The file without its `--` comments and then without its string literals, so that a name in
    /// a comment or a `COMMENT ON` text is not taken for a dependency. Comments go first: their
    /// apostrophes ("the parcel's") would otherwise open a string.
    static func code(of text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            guard let dashes = line.range(of: "--") else { return line }
            return line[..<dashes.lowerBound]
        }
        var code = ""
        var inString = false
        for ch in lines.joined(separator: "\n") {
            if ch == "'" { inString.toggle(); code.append(" "); continue }
            code.append(inString ? " " : ch)
        }
        return code
    }

    /// Reads `directory/<schema>/<name>.sql` for every schema folder, and returns the definitions
    /// in dependency order (a definition after every definition it names; ties by name, so the
    /// order is the same on every machine). A cycle is refused with its members named.
    public static func load(from directory: URL) throws -> [Definition] {
        let fm = FileManager.default
        guard fm.fileExists(atPath: directory.path) else { return [] }
        var found: [String: Definition] = [:]
        for schema in try fm.contentsOfDirectory(atPath: directory.path).sorted() {
            let folder = directory.appendingPathComponent(schema, isDirectory: true)
            var isFolder: ObjCBool = false
            guard fm.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else { continue }
            guard schemas.contains(schema) else {
                throw DatabaseError(.migrationMismatch, message:
                    "\(folder.path): definitions live in a folder named after their schema (\(schemas.joined(separator: ", ")))")
            }
            for file in try fm.contentsOfDirectory(atPath: folder.path).sorted() where file.hasSuffix(".sql") {
                let definition = try Definition(schema: schema, name: String(file.dropLast(4)),
                                                data: try Data(contentsOf: folder.appendingPathComponent(file)))
                found[definition.qualifiedName] = definition
            }
        }
        for key in found.keys {
            found[key]!.dependencies = found[key]!.mentions.filter { $0 != key && found[$0] != nil }.sorted()
        }
        return try ordered(found)
    }

    /// Kahn's algorithm over the derived dependencies.
    static func ordered(_ all: [String: Definition]) throws -> [Definition] {
        var waiting = all.mapValues { Set($0.dependencies) }
        var order: [Definition] = []
        while !waiting.isEmpty {
            let ready = waiting.filter { $0.value.isEmpty }.keys.sorted()
            guard !ready.isEmpty else {
                throw DatabaseError(.migrationMismatch, message:
                    "definitions depend on each other in a cycle: \(waiting.keys.sorted().joined(separator: ", "))")
            }
            for key in ready {
                order.append(all[key]!)
                waiting[key] = nil
            }
            for key in waiting.keys { waiting[key]!.subtract(ready) }
        }
        return order
    }

    /// SQL that is true when the object exists (any overload, for a function).
    var existsQuery: String {
        switch kind {
        case .view:
            return "SELECT to_regclass('\(qualifiedName)') IS NOT NULL"
        case .function:
            return """
                SELECT EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                               WHERE n.nspname = '\(schema)' AND p.proname = '\(name)')
                """
        }
    }

    /// SQL that drops the object if it exists (every overload, for a function). Names are
    /// checked identifiers (`[a-z_][a-z0-9_]*`), so they are spliced safely.
    var dropStatement: String {
        switch kind {
        case .view:
            return "DROP VIEW IF EXISTS \(qualifiedName)"
        case .function:
            return """
                DO $mujun$
                DECLARE f regprocedure;
                BEGIN
                    FOR f IN SELECT p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                             WHERE n.nspname = '\(schema)' AND p.proname = '\(name)' LOOP
                        EXECUTE 'DROP FUNCTION ' || f::text;
                    END LOOP;
                END
                $mujun$
                """
        }
    }
}
