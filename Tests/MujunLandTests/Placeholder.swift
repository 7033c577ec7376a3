import Testing

@Test func placeholderLand() { #expect(Bool(true)) }
