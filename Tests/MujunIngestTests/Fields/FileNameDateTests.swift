import MujunIngest
import Testing

extension Fields {
    /// The as-of date in a file name (details #20, #70).
    @Suite("Dates in file names")
    struct FileNameDateTests {
        @Test("first valid match of (?<![0-9])(\\d{4})-?(\\d{2})-?(\\d{2})(?![0-9])", arguments: [
            ("tax_20240331.csv", "2024-03-31"),
            ("tax_2024-03-31.csv", "2024-03-31"),
            ("tax_2024-0331.csv", "2024-03-31"),
            ("tax_202403-31.csv", "2024-03-31"),
            ("20240331", "2024-03-31"),
            ("power-2024-03-31-v2.csv", "2024-03-31"),
            ("registry_20241399_20240301.csv", "2024-03-01"),   // invalid first match skipped
            ("registry_20240230_2024-02-29.csv", "2024-02-29"),
            ("parcels_18991231_19000101.csv", "1900-01-01"),   // range 1900–2099
            ("parcels_21000101_20991231.csv", "2099-12-31"),
            ("tax_2024年03月31日.csv", ""),
            ("tax_202403311.csv", ""),                          // 9 digits: no boundary
            ("tax_120240331.csv", ""),
            ("tax_202403.csv", ""),
            ("tax_2024-03.csv", ""),
            ("tax_2024--03-31.csv", ""),
            ("tax.csv", ""),
            ("", ""),
            ("v1_20240331_20250101.csv", "2024-03-31"),         // the first wins
            ("a20240331b", "2024-03-31"),                       // letters are boundaries
            ("x-2024-03-31", "2024-03-31"),
            ("２０２４０３３１.csv", ""),                          // ASCII digits only
            // Matches do not overlap: "2024-2024-03-01" first matches 2024-20-24 (invalid) and
            // the search resumes after it, at "-03-01", where nothing matches.
            ("2024-2024-03-01", ""),
            ("2024-13-01_2024-03-01", "2024-03-01"),
        ])
        func fileNames(_ name: String, _ expected: String) {
            let found = DateParsing.firstDateInFileName(name).map { date in
                let month = date.month < 10 ? "0\(date.month)" : "\(date.month)"
                let day = date.day < 10 ? "0\(date.day)" : "\(date.day)"
                return "\(date.year)-\(month)-\(day)"
            }
            #expect((found ?? "") == expected, "\(name)")
        }
    }
}
