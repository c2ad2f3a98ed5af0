import AssayMetrics
import Testing

/// Exact match and containment with optional normalisation.
@Suite("TextMatch")
struct TextMatchTests {
    struct Normalization: Sendable, CustomTestStringConvertible {
        let id: String
        let options: TextMatchOptions
        let text: String
        let normalized: String
        var testDescription: String { id }
    }

    static let normalizations: [Normalization] = [
        Normalization(id: "no options change nothing", options: .none,
                      text: "  Hello, World! ", normalized: "  Hello, World! "),
        Normalization(id: "case folding lower-cases any script", options: TextMatchOptions(ignoresCase: true),
                      text: "\u{00C9}COLE \u{0391}", normalized: "\u{00E9}cole \u{03B1}"),
        Normalization(id: "whitespace is trimmed and collapsed", options: TextMatchOptions(normalizesWhitespace: true),
                      text: "  a \n\t b\u{00A0} c ", normalized: "a b c"),
        Normalization(id: "punctuation and Python's ASCII symbols go, other symbols stay",
                      options: TextMatchOptions(removesPunctuation: true),
                      text: "Hello, world! (yes) $5 ~x \u{201C}q\u{201D} \u{20AC}3 \u{00A9}",
                      normalized: "Hello world yes 5 x q \u{20AC}3 \u{00A9}"),
        Normalization(id: "all options: punctuation, then case, then whitespace", options: .lenient,
                      text: "Paris , France", normalized: "paris france"),
    ]

    @Test("normalisation", arguments: normalizations)
    func normalize(_ item: Normalization) {
        #expect(item.options.normalize(item.text) == item.normalized)
    }

    @Test("exact match depends on the options")
    func exact() {
        #expect(!TextMatch.exact("Paris", "paris"))
        #expect(TextMatch.exact("Paris", "paris", options: TextMatchOptions(ignoresCase: true)))
        #expect(TextMatch.exact(" Paris\n", "Paris", options: TextMatchOptions(normalizesWhitespace: true)))
        #expect(TextMatch.exact("Paris.", "Paris", options: TextMatchOptions(removesPunctuation: true)))
        #expect(!TextMatch.exact("Paris.", "Paris"))
        #expect(TextMatch.exact("", ""))
    }

    @Test("exact match uses canonical equivalence: precomposed and decomposed accents are equal")
    func canonicalEquivalence() {
        #expect(TextMatch.exact("caf\u{00E9}", "cafe\u{0301}"))
    }

    @Test("containment finds the expected text anywhere")
    func contains() {
        #expect(TextMatch.contains("The answer is Paris.", "paris", options: .lenient))
        #expect(!TextMatch.contains("The answer is Paris.", "paris"))
        #expect(TextMatch.contains("Parisian", "paris", options: TextMatchOptions(ignoresCase: true)))
        #expect(TextMatch.contains("a  b c", "a b", options: TextMatchOptions(normalizesWhitespace: true)))
        #expect(!TextMatch.contains("abc", "abcd"))
    }

    @Test("an empty expected text is always contained")
    func emptyNeedle() {
        #expect(TextMatch.contains("abc", ""))
        #expect(TextMatch.contains("", ""))
        #expect(TextMatch.contains("abc", " , ", options: .lenient))
    }
}
