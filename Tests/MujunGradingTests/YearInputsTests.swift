import Foundation
import MujunDatabase
import MujunGrading
import MujunPolicy
import MujunTestSupport
import Testing

/// `mart.enterprise_year` and grading read one definition of a year's inputs
/// (core.enterprise_year_inputs): the mart's tax leaves out the profile's grading_tax_excludes,
/// as grading's T does (docs/grading.md, "Choices where the spec is silent").
@Suite("Grading: one definition of the year's inputs for grading and the mart")
struct YearInputsTests {
    static let gradedInputs = """
        SELECT uscc, round(land_m2, 2), round(tax_yuan, 2), round(sales_yuan, 2), kwh
        FROM runs.enterprise_grades WHERE run_id = $1 ORDER BY uscc
        """
    static let martInputs = """
        SELECT e.uscc, round(e.land_m2, 2), round(e.tax_yuan, 2), round(e.sales_yuan, 2), e.kwh
        FROM mart.enterprise_year e
        JOIN runs.enterprise_grades g ON g.uscc = e.uscc AND g.run_id = $1
        WHERE e.year = 2024 ORDER BY e.uscc
        """

    static func lines(_ connection: Connection, _ sql: String, _ parameters: [any SQLParameter] = []) throws -> [String] {
        let r = try connection.execute(sql, parameters)
        return (0..<r.rowCount).map { row in (0..<r.columnCount).map { r.string(row, $0) ?? "∅" }.joined(separator: "|") }
    }

    @Test("with vat left out of T, the mart shows the T that grading used")
    func martFollowsGradingTaxExcludes() throws {
        let fixture = try GradingFixture()
        let f1 = GradingFixture.uscc("F1")
        func martTax() throws -> String? {
            try fixture.connection.execute("SELECT tax_yuan FROM mart.enterprise_year WHERE year = 2024 AND uscc = $1", [f1]).scalar()
        }
        // Before any evaluation: the default's land uses and no tax left out, so F1's vat.
        let vat = try fixture.connection.execute(
            "SELECT sum(vat) FROM core.tax_current WHERE uscc = $1 AND period BETWEEN '2024-01-01' AND '2024-12-31'", [f1]).scalar()
        #expect(vat != nil && vat != "0.00")
        #expect(try martTax() == vat)

        var yaml = try String(contentsOf: MujunBinary.packageRoot.appendingPathComponent("jobs/policies/default.yaml"),
                              encoding: .utf8)
        #expect(yaml.contains("grading_tax_excludes: []"))
        yaml = yaml.replacingOccurrences(of: "grading_tax_excludes: []", with: "grading_tax_excludes: [vat]")
        let summary = try Evaluator(connection: fixture.connection)
            .evaluate(year: 2024, policy: try PolicyProfile(yaml: yaml, source: "no-vat.yaml"), madeBy: "test")
        // The fixture's tax is all vat: T is 0 for every firm, in grading and in the mart.
        #expect(try martTax() == "0")
        // The mart's rows of the graded firms equal what the run graded, column by column.
        let graded = try Self.lines(fixture.connection, Self.gradedInputs, [Int(summary.runID)])
        let mart = try Self.lines(fixture.connection, Self.martInputs, [Int(summary.runID)])
        #expect(graded.count == 17)
        #expect(graded.allSatisfy { $0.contains("|0.00|") })
        #expect(mart == graded)
    }
}
