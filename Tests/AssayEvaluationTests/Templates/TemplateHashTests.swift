import Testing
@testable import AssayEvaluation

@Suite("Template identity")
struct TemplateHashTests {
    @Test("the hash of a single-message template is the SHA-256 of its text")
    func knownVector() throws {
        // The FIPS 180-2 test vector for "abc".
        #expect(try PromptTemplate(text: "abc").sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test("the same text always gives the same hash")
    func stable() throws {
        let text = "Q: {{ input }}\n{% for e in examples %}{{ e }}{% endfor %}"
        #expect(try PromptTemplate(text: text).sha256 == PromptTemplate(text: text).sha256)
    }

    @Test("different text gives a different hash", arguments: [
        ("Q: {{ input }}", "Q:  {{ input }}"),
        ("Q: {{ input }}", "Q: {{ input}}"),
        ("A", "a"),
    ])
    func different(first: String, second: String) throws {
        #expect(try PromptTemplate(text: first).sha256 != PromptTemplate(text: second).sha256)
    }

    @Test("CRLF line breaks and one final line break do not change the hash")
    func canonicalText() throws {
        let plain = try PromptTemplate(text: "a\nb")
        #expect(try PromptTemplate(text: "a\r\nb").sha256 == plain.sha256)
        #expect(try PromptTemplate(text: "a\nb\n").sha256 == plain.sha256)
        #expect(try PromptTemplate(text: "a\nb\n\n").sha256 != plain.sha256)
    }

    @Test("a system part changes the hash, and which part holds the text matters")
    func chatHash() throws {
        let userOnly = try PromptTemplate(text: "hello")
        #expect(try PromptTemplate(system: nil, user: "hello").sha256 == userOnly.sha256)
        let withSystem = try PromptTemplate(system: "be brief", user: "hello")
        #expect(withSystem.sha256 != userOnly.sha256)
        #expect(try PromptTemplate(system: "hello", user: "be brief").sha256 != withSystem.sha256)
        #expect(try PromptTemplate(system: "", user: "hello").sha256 != userOnly.sha256)
    }
}
