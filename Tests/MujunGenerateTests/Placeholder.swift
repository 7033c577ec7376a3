import Testing

@Test func placeholderGenerate() { #expect(Bool(true)) }
