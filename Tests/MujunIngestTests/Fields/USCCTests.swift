import MujunCore
import MujunIngest
import Testing

extension Fields {
    /// 统一社会信用代码 (domain.md, details #14).
    @Suite("USCC")
    struct USCCTests {
        static let valid = [
            "91350100M000100Y43", "91330703MA2HABCD3N", "913202817462138543",
            "91341825MA8P0Q1R28", "91110105771583283D", "91440300708461136T",
        ]

        @Test("domain.md's valid examples pass unchanged", arguments: valid)
        func validExamples(_ code: String) {
            #expect(parse(.uscc, code) == .ok(code))
            #expect(USCC.isValid(code))
            #expect(USCC.normalize(code) == code)
            #expect(USCC.checkCharacter(for: String(code.prefix(17))) == code.last)
        }

        @Test("domain.md's invalid examples fail", arguments: [
            "91350200M000000510",   // check should be D
            "913202817642138543",   // two characters transposed
        ])
        func invalidExamples(_ code: String) {
            #expect(parse(.uscc, code) == .reject(.badUSCC))
            #expect(!USCC.isValid(code))
            #expect(USCC.normalize(code) == nil)
        }

        @Test("folding and case", arguments: [
            ("９１３５０１００Ｍ０００１００Ｙ４３", Outcome.ok("91350100M000100Y43")),
            ("91350100m000100y43", .ok("91350100M000100Y43")),
            ("９１３３０７０３ｍａ２ｈａｂｃｄ３ｎ", .ok("91330703MA2HABCD3N")),
            ("91330703Ma2HaBcD3n", .ok("91330703MA2HABCD3N")),
            ("９1３5０1００M０００1００Y４3", .ok("91350100M000100Y43")),   // mixed widths
        ])
        func folding(_ input: String, _ expected: Outcome) {
            #expect(parse(.uscc, input) == expected, "\(input)")
        }

        @Test("wrong length, foreign characters, wrong check", arguments: [
            "91350100M000100Y4",          // 17
            "91350100M000100Y433",        // 19
            "",
            "91350100M000100Y4 3",        // inner space
            "91350100M000100Y4\u{3000}3",
            "91350100I000100Y43",         // I, O, S, V, Z are not in the alphabet
            "91350100O000100Y43",
            "91350100S000100Y43",
            "91350100V000100Y43",
            "91350100Z000100Y43",
            "9135010OM000100Y43",
            "91350100M000100Y44",         // wrong check character
            "91350100M000100Y4-",
            "91350100M000100Y4３",        // full-width 3 folds to the right check: see below
            "913501OOMOOO1OOY43",
            "91350100M000100Y4é",
            "ａｂｃ",
            "NULL",
        ])
        func rejected(_ input: String) {
            // The full-width check digit folds to the right character: that one is valid.
            if input == "91350100M000100Y4３" {
                #expect(parse(.uscc, input) == .ok("91350100M000100Y43"))
            } else {
                #expect(parse(.uscc, input) == .reject(.badUSCC), "\(input)")
            }
        }

        @Test("exactly one check character passes")
        func everyCheckValueMapsIntoTheAlphabet() {
            // Changing the 18th character through the whole alphabet: exactly one passes.
            let first17 = "91350100M000100Y4"
            let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
            let passing = alphabet.filter { USCC.isValid(first17 + String($0)) }
            #expect(passing == ["3"])
        }

        @Test("public helpers: normalize trims, checkCharacter folds")
        func publicHelpers() {
            #expect(USCC.normalize(" \u{3000}９１３５０１００ｍ０００１００ｙ４３\t") == "91350100M000100Y43")
            #expect(USCC.isValid("91110105771583283d"))
            #expect(USCC.checkCharacter(for: "91350100M000100Y4") == "3")
            #expect(USCC.completed("91350100M000100Y4") == "91350100M000100Y43")
            #expect(USCC.completed("91350100M000100Y") == nil)
            #expect(USCC.checkCharacter(for: "91350200M00000051") == "D")
            #expect(USCC.checkCharacter(for: "９１３３０７０３ｍａ２ｈａｂｃｄ３") == "N")
            #expect(USCC.checkCharacter(for: "91350100M000100Y") == nil)
            #expect(USCC.checkCharacter(for: "91350100M000100Y43") == nil)
            #expect(USCC.checkCharacter(for: "91350100I000100Y4") == nil)
        }

        @Test("organisation code check (informative)")
        func organizationCode() {
            #expect(USCC.hasConsistentOrganizationCode("91350100M000100Y43"))
            #expect(USCC.hasConsistentOrganizationCode("913202817462138543"))
            #expect(USCC.hasConsistentOrganizationCode("91110105771583283D"))
            #expect(USCC.hasConsistentOrganizationCode("91330703MA2HABCD3N"))
            // A valid USCC (check 6) whose organisation code M000100Y should end in 4, not 5.
            #expect(USCC.isValid("91350100M000100Y56"))
            #expect(!USCC.hasConsistentOrganizationCode("91350100M000100Y56"))
            #expect(!USCC.hasConsistentOrganizationCode("not a code"))
        }
    }
}
