import AssayMetrics
import Testing

/// Regular-expression matching searches anywhere unless the pattern is anchored.
@Suite("RegexMatch")
struct RegexMatchTests {
    @Test("a pattern matches anywhere in the text")
    func search() throws {
        let yesOrNo = try RegexMatch(#"\b(yes|no)\b"#)
        #expect(yesOrNo.matches("I think yes, it is."))
        #expect(!yesOrNo.matches("yesterday"))
    }

    @Test("anchors require the whole text")
    func anchored() throws {
        let number = try RegexMatch(#"^\d+$"#)
        #expect(number.matches("42"))
        #expect(!number.matches("42 apples"))
    }

    @Test("case can be ignored")
    func ignoresCase() throws {
        #expect(!(try RegexMatch("paris")).matches("PARIS"))
        #expect(try RegexMatch("paris", ignoresCase: true).matches("PARIS"))
    }

    @Test("multiline mode lets anchors match at line breaks")
    func multiline() throws {
        #expect(!(try RegexMatch("^b$")).matches("a\nb"))
        #expect(try RegexMatch("^b$", isMultiline: true).matches("a\nb"))
    }

    @Test("the first match returns its first capture group")
    func firstMatch() throws {
        let answer = try RegexMatch(#"Answer:\s*(\w+)"#)
        #expect(answer.firstMatch(in: "Reasoning... Answer: B") == "B")
        #expect(answer.firstMatch(in: "no answer here") == nil)
        #expect(try RegexMatch(#"\d+"#).firstMatch(in: "id 123 and 456") == "123")
    }

    @Test("an invalid pattern is an error naming it")
    func invalid() {
        let error = #expect(throws: RegexMatchError.self) { try RegexMatch("(unclosed") }
        #expect(error?.pattern == "(unclosed")
        #expect(error?.description == "invalid regular expression: (unclosed")
    }
}
