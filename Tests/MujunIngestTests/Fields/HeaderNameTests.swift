import MujunCore
import MujunIngest
import Testing

extension Fields {
    /// Header matching (details #1).
    @Suite("Header names")
    struct HeaderNameTests {
        @Test("normalised forms", arguments: [
            ("uscc", "uscc"),
            ("  USCC\t", "uscc"),
            ("\u{3000}统一社会信用代码\u{3000}", "统一社会信用代码"),
            ("用电量（千瓦时）", "用电量(千瓦时)"),
            ("ＵＳＣＣ", "uscc"),
            ("Area_M2", "area_m2"),
            ("\u{FEFF}uscc", "uscc"),
            ("宗地面积\u{3000}(平方米)", "宗地面积 (平方米)"),     // inner U+3000 becomes a space
            ("Straße", "strasse"),                                 // case folding, not lower-casing
        ])
        func normalize(_ input: String, _ expected: String) {
            #expect(HeaderName.normalize(input) == expected, "\(input)")
        }

        @Test("full-width and half-width spellings match")
        func matching() {
            #expect(HeaderName.normalize("用电量（千瓦时）") == HeaderName.normalize("用电量(千瓦时)"))
            #expect(HeaderName.normalize(" 用电量（千瓦时）　") == HeaderName.normalize("用电量(千瓦时)"))
            #expect(HeaderName.normalize("ＫＷＨ") == HeaderName.normalize("kwh"))
            #expect(HeaderName.normalize("Account_No") == HeaderName.normalize("account_no"))
            #expect(HeaderName.normalize("用电量 (千瓦时)") != HeaderName.normalize("用电量(千瓦时)"))
            #expect(HeaderName.normalize("信用代码") != HeaderName.normalize("统一社会信用代码"))
        }
    }
}
