import MujunIngest
import Testing

extension Fields {
    /// GB/T 4754-2017 industry codes (details #12).
    @Suite("Industry code fields")
    struct IndustryCodeTests {
        @Test("codes with and without the section letter", arguments: [
            ("3311", Outcome.ok("C3311")),
            ("C3311", .ok("C3311")),
            ("c3311", .ok("C3311")),
            ("33", .ok("C33")),
            ("331", .ok("C331")),
            ("C33", .ok("C33")),
            ("0111", .ok("A0111")),
            ("a01", .ok("A01")),
            ("0511", .ok("A0511")),
            ("0610", .ok("B0610")),
            ("1200", .ok("B1200")),
            ("1310", .ok("C1310")),
            ("4390", .ok("C4390")),
            ("4411", .ok("D4411")),
            ("4700", .ok("E4700")),
            ("5211", .ok("F5211")),
            ("6010", .ok("G6010")),
            ("6210", .ok("H6210")),
            ("6510", .ok("I6510")),
            ("6910", .ok("J6910")),
            ("7010", .ok("K7010")),
            ("7212", .ok("L7212")),
            ("7320", .ok("M7320")),
            ("7910", .ok("N7910")),
            ("8010", .ok("O8010")),
            ("8310", .ok("P8310")),
            ("8510", .ok("Q8510")),
            ("9010", .ok("R9010")),
            ("9600", .ok("S9600")),
            ("9700", .ok("T9700")),
            ("D3311", .reject(.outOfRange)),     // letter contradicts the division
            ("A0610", .reject(.outOfRange)),
            ("B0511", .reject(.outOfRange)),
            ("N8010", .reject(.outOfRange)),
            ("0011", .reject(.outOfRange)),      // no division 00
            ("9811", .reject(.outOfRange)),      // nor 98, 99
            ("99", .reject(.outOfRange)),
            ("3", .reject(.outOfRange)),         // 1 digit
            ("C3", .reject(.outOfRange)),
            ("33111", .reject(.outOfRange)),     // 5 digits
            ("C33111", .reject(.outOfRange)),
            ("C", .reject(.outOfRange)),
            ("CC3311", .reject(.outOfRange)),
            ("C-3311", .reject(.outOfRange)),
            ("3311C", .reject(.outOfRange)),
            ("Ｃ3311", .reject(.outOfRange)),
            ("C 3311", .reject(.outOfRange)),
        ])
        func codes(_ input: String, _ expected: Outcome) {
            #expect(parse(.industryCode, input) == expected, "\(input)")
        }

        @Test("every division 01–97 has its GB/T 4754-2017 section")
        func sections() {
            let ranges: [(Character, ClosedRange<Int>)] = [
                ("A", 1...5), ("B", 6...12), ("C", 13...43), ("D", 44...46), ("E", 47...50),
                ("F", 51...52), ("G", 53...60), ("H", 61...62), ("I", 63...65), ("J", 66...69),
                ("K", 70...70), ("L", 71...72), ("M", 73...75), ("N", 76...79), ("O", 80...82),
                ("P", 83...83), ("Q", 84...85), ("R", 86...90), ("S", 91...96), ("T", 97...97),
            ]
            for (letter, divisions) in ranges {
                for division in divisions {
                    #expect(IndustryCode.section(ofDivision: division) == letter, "\(division)")
                }
            }
            #expect(IndustryCode.section(ofDivision: 0) == nil)
            #expect(IndustryCode.section(ofDivision: 98) == nil)
            #expect(IndustryCode.section(ofDivision: -1) == nil)
            #expect(IndustryCode.normalize(" c3311 ") == "C3311")
            #expect(IndustryCode.normalize("9811") == nil)
        }
    }
}
