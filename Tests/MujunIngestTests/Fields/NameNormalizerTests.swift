import MujunIngest
import Testing

extension Fields {
    /// Enterprise names for linking power accounts (details #24).
    @Suite("Enterprise name normalisation")
    struct NameNormalizerTests {
        @Test("normalised forms", arguments: [
            ("江阴市某某机械有限公司", "江阴市某某机械有限公司"),
            ("江阴市某某机械（无锡）有限公司", "江阴市某某机械(无锡)有限公司"),
            ("江阴市 某某 机械有限公司", "江阴市某某机械有限公司"),
            ("江阴市\u{3000}某某机械有限公司", "江阴市某某机械有限公司"),
            ("ABC Machinery Co., Ltd.", "abcmachineryco.,ltd."),
            ("ＡＢＣ机械有限公司", "abc机械有限公司"),
            (" 某某公司 ", "某某公司"),
            ("某某有限责任公司", "某某有限责任公司"),
        ])
        func normalize(_ input: String, _ expected: String) {
            #expect(NameNormalizer.normalize(input) == expected, "\(input)")
        }

        @Test("brackets, spaces and case do not separate names")
        func matching() {
            let registry = NameNormalizer.normalize("江阴ABC精密机械（江苏）有限公司")
            #expect(NameNormalizer.normalize("江阴abc精密机械(江苏)有限公司") == registry)
            #expect(NameNormalizer.normalize("江阴 ABC 精密机械 ( 江苏 ) 有限公司") == registry)
            #expect(NameNormalizer.normalize("江阴ＡＢＣ精密机械（江苏）有限公司") == registry)
            #expect(NameNormalizer.normalize("江阴ABC精密机械有限公司") != registry)
        }
    }
}
