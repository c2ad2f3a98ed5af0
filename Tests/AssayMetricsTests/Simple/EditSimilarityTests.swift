import AssayMetrics
import Testing

/// Edit similarity is 1 − Levenshtein distance / longer length, on Unicode scalars.
@Suite("EditSimilarity")
struct EditSimilarityTests {
    @Test("classic distances", arguments: [
        ("kitten", "sitting", 3), ("flaw", "lawn", 2), ("", "abc", 3), ("abc", "", 3),
        ("same", "same", 0), ("abc", "cba", 2),
    ])
    func distance(first: String, second: String, expected: Int) {
        #expect(EditSimilarity.distance(first, second) == expected)
        #expect(EditSimilarity.distance(second, first) == expected)
    }

    @Test("similarity divides by the longer length")
    func similarity() {
        #expect(EditSimilarity.similarity("kitten", "sitting") == 1 - 3.0 / 7.0)
        #expect(EditSimilarity.similarity("abc", "abc") == 1)
        #expect(EditSimilarity.similarity("abc", "") == 0)
        #expect(EditSimilarity.similarity("abc", "xyz") == 0)
    }

    @Test("two empty texts are identical")
    func emptyTexts() {
        #expect(EditSimilarity.similarity("", "") == 1)
    }

    @Test("lengths count Unicode scalars, not characters")
    func scalars() {
        // "é" precomposed is one scalar; "e" + U+0301 is two: substitute one, delete one.
        #expect(EditSimilarity.distance("\u{00E9}", "e\u{0301}") == 2)
        #expect(EditSimilarity.distance("\u{1F600}", "\u{1F603}") == 1)
        #expect(EditSimilarity.similarity("ab\u{1F600}", "ab") == 1 - 1.0 / 3.0)
    }
}
