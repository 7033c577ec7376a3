import MujunIngest
import Testing

extension Fields {
    /// Booleans and enumerations (details #10, #11).
    @Suite("Vocabulary fields")
    struct VocabularyTests {
        @Test("booleans: every spelling, any ASCII case", arguments: [
            ("Y", Outcome.ok("t")), ("y", .ok("t")), ("N", .ok("f")), ("n", .ok("f")),
            ("是", .ok("t")), ("否", .ok("f")),
            ("1", .ok("t")), ("0", .ok("f")),
            ("true", .ok("t")), ("TRUE", .ok("t")), ("True", .ok("t")), ("tRuE", .ok("t")),
            ("false", .ok("f")), ("FALSE", .ok("f")), ("False", .ok("f")),
            ("yes", .reject(.outOfRange)), ("no", .reject(.outOfRange)),
            ("T", .reject(.outOfRange)), ("F", .reject(.outOfRange)),
            ("2", .reject(.outOfRange)), ("01", .reject(.outOfRange)),
            ("是的", .reject(.outOfRange)), ("对", .reject(.outOfRange)),
            ("Ｙ", .reject(.outOfRange)), ("truee", .reject(.outOfRange)),
            ("NULL", .reject(.outOfRange)), ("-", .reject(.outOfRange)),
        ])
        func boolean(_ input: String, _ expected: Outcome) {
            #expect(parse(.boolean, input) == expected, "\(input)")
        }

        @Test("registry status: Chinese words and English codes", arguments: [
            ("存续", Outcome.ok("active")), ("在业", .ok("active")), ("开业", .ok("active")),
            ("停业", .ok("suspended")), ("注销", .ok("deregistered")), ("吊销", .ok("revoked")),
            ("迁出", .ok("moved_out")),
            ("active", .ok("active")), ("suspended", .ok("suspended")),
            ("deregistered", .ok("deregistered")), ("revoked", .ok("revoked")),
            ("moved_out", .ok("moved_out")),
            ("ACTIVE", .ok("active")), ("Suspended", .ok("suspended")),
            ("MOVED_OUT", .ok("moved_out")),
            ("Revoked", .ok("revoked")), ("DeRegistered", .ok("deregistered")),
            ("存续（在营、开业、在册）", .reject(.outOfRange)),
            ("moved out", .reject(.outOfRange)), ("moved-out", .reject(.outOfRange)),
            ("movedout", .reject(.outOfRange)), ("在营", .reject(.outOfRange)),
            ("存", .reject(.outOfRange)), ("activ", .reject(.outOfRange)),
            ("吊销,未注销", .reject(.outOfRange)),
        ])
        func registryStatus(_ input: String, _ expected: Outcome) {
            #expect(parse(.registryStatus, input) == expected, "\(input)")
        }

        @Test("utility", arguments: [
            ("power", Outcome.ok("power")), ("POWER", .ok("power")), ("Power", .ok("power")),
            ("water", .ok("water")), ("WATER", .ok("water")),
            ("gas", .ok("gas")), ("Gas", .ok("gas")),
            ("电", .ok("power")), ("水", .ok("water")), ("气", .ok("gas")),
            ("电力", .reject(.outOfRange)), ("燃气", .reject(.outOfRange)),
            ("electricity", .reject(.outOfRange)), ("heat", .reject(.outOfRange)),
        ])
        func utility(_ input: String, _ expected: Outcome) {
            #expect(parse(.utility, input) == expected, "\(input)")
        }

        @Test("idle cause", arguments: [
            ("企业", Outcome.ok("enterprise")), ("企业原因", .ok("enterprise")),
            ("政府", .ok("government")), ("政府原因", .ok("government")),
            ("其他", .ok("other")), ("不可抗力", .ok("other")), ("enterprise", .ok("other")),
            ("企业原因等", .ok("other")), ("x", .ok("other")),
        ])
        func idleCause(_ input: String, _ expected: Outcome) {
            #expect(parse(.idleCause, input) == expected, "\(input)")
        }
    }
}
