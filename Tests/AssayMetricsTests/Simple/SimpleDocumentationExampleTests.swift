import AssayMetrics
import Testing

/// The examples in the documentation comments of the simple metrics hold.
@Suite("Simple metrics documentation examples")
struct SimpleDocumentationExampleTests {
    @Test("TextMatch")
    func textMatch() {
        #expect(TextMatch.exact("  Paris ", "paris", options: .lenient))
        #expect(TextMatch.contains("The answer is Paris.", "paris", options: .lenient))
    }

    @Test("TextMatchOptions")
    func textMatchOptions() {
        #expect(TextMatchOptions.lenient.normalize("Paris , France") == "paris france")
    }

    @Test("RegexMatch")
    func regexMatch() throws {
        let answer = try RegexMatch(#"\b(yes|no)\b"#, ignoresCase: true)
        #expect(answer.matches("Yes, it is."))
    }

    @Test("EditSimilarity")
    func editSimilarity() {
        #expect(EditSimilarity.distance("kitten", "sitting") == 3)
        #expect(EditSimilarity.similarity("kitten", "sitting") == 1 - 3.0 / 7)
    }
}
