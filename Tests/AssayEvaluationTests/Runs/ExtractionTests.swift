import AssayCore
@testable import AssayEvaluation
import Testing

/// Extraction rules: each kind's successes and failures, as tables.
struct ExtractionTests {
    struct Example: Sendable, CustomTestStringConvertible {
        let id: String
        let output: String
        let expected: JSONValue
        var testDescription: String { id }
    }

    @Test(arguments: [
        Example(id: "text is trimmed", output: "  Paris \n", expected: "Paris"),
        Example(id: "text keeps inner lines", output: "a\n b\n", expected: "a\n b"),
        Example(id: "empty text stays empty", output: " \n ", expected: ""),
    ])
    func textExtraction(_ example: Example) async throws {
        #expect(try await Extraction.text.extract(from: example.output) == example.expected)
    }

    @Test(arguments: [
        Example(id: "whole answer is JSON", output: " {\"a\": 1} ", expected: ["a": 1]),
        Example(id: "a bare number", output: "42", expected: 42),
        Example(id: "json fence", output: "Here:\n```json\n{\"label\": \"yes\"}\n```\nDone.", expected: ["label": "yes"]),
        Example(id: "untagged fence", output: "```\n[1, 2]\n```", expected: [1, 2]),
        Example(id: "json fence wins over earlier untagged", output: "```\nnot json\n```\n```JSON\n{\"k\": true}\n```", expected: ["k": true]),
        Example(id: "object in prose", output: "The answer is {\"x\": \"}\"} as requested.", expected: ["x": "}"]),
        Example(id: "array in prose", output: "Labels: [\"a\", \"b\"].", expected: ["a", "b"]),
        Example(id: "skips a brace that starts no JSON", output: "Use {braces} like {\"ok\": 1}", expected: ["ok": 1]),
        Example(id: "nested object", output: "result: {\"a\": {\"b\": [1, {\"c\": null}]}} end", expected: ["a": ["b": [1, ["c": nil]]]]),
    ])
    func jsonExtraction(_ example: Example) async throws {
        #expect(try await Extraction.json.extract(from: example.output) == example.expected)
    }

    @Test(arguments: ["no json here", "{\"unterminated\": 1", "```json\n{bad}\n```"])
    func jsonExtractionFailsWithoutJSON(_ output: String) async {
        await #expect(throws: ExtractionError.self) { try await Extraction.json.extract(from: output) }
    }

    @Test(arguments: [
        Example(id: "exact label", output: "positive", expected: "Positive"),
        Example(id: "case and whitespace ignored", output: "  NEGATIVE \n", expected: "Negative"),
        Example(id: "inner whitespace collapsed", output: "very   positive", expected: "Very Positive"),
        Example(id: "final period ignored", output: "Neutral.", expected: "Neutral"),
        Example(id: "first line when the whole does not match", output: "positive\nBecause the review praises it.", expected: "Positive"),
        Example(id: "first non-empty line", output: "\n\n  negative\nreason", expected: "Negative"),
    ])
    func labelExtraction(_ example: Example) async throws {
        let labels = Extraction.labels(["Positive", "Negative", "Neutral", "Very Positive"])
        #expect(try await labels.extract(from: example.output) == example.expected)
    }

    @Test func labelExtractionFailureNamesTheLabelsAndTheAnswer() async {
        let labels = Extraction.labels(["yes", "no"])
        await #expect(throws: ExtractionError("the answer is none of the labels 'yes', 'no': \"maybe, it depends\"")) {
            try await labels.extract(from: "maybe, it depends")
        }
    }

    @Test(arguments: [
        Example(id: "capture group", output: "Final answer: 42.", expected: "42"),
        Example(id: "first match", output: "answer: 1, answer: 2", expected: "1"),
    ])
    func regexExtractionWithGroup(_ example: Example) async throws {
        #expect(try await Extraction.regex(#"answer: (\d+)"#).extract(from: example.output) == example.expected)
    }

    @Test func regexWithoutGroupReturnsWholeMatch() async throws {
        #expect(try await Extraction.regex(#"\d+ apples"#).extract(from: "I have 3 apples") == "3 apples")
    }

    @Test func regexWithoutMatchIsAnError() async {
        await #expect(throws: ExtractionError.self) { try await Extraction.regex(#"answer: (\d+)"#).extract(from: "no idea") }
    }

    @Test func invalidRegexFailsValidation() {
        #expect(throws: ExtractionError.self) { try Extraction.regex("(unclosed").validate() }
        #expect(throws: Never.self) { try Extraction.regex("(ok)").validate() }
    }

    @Test func customExtractionReturnsItsValueAndWrapsErrors() async throws {
        struct Refused: Error, CustomStringConvertible { var description: String { "refused" } }
        let length = Extraction.custom(source: "length") { .int($0.count) }
        #expect(try await length.extract(from: "abcd") == 4)
        let failing = Extraction.custom(source: "picky") { _ in throw Refused() }
        await #expect(throws: ExtractionError("the extraction 'picky' failed: refused")) { try await failing.extract(from: "x") }
    }

    @Test func configurationRoundTripsEveryKindButCustom() {
        for extraction in [Extraction.text, .json, .labels(["a", "b"]), .regex("x(\\d)")] {
            let rebuilt = Extraction(configuration: extraction.configuration)
            #expect(rebuilt?.configuration == extraction.configuration)
        }
        let custom = Extraction.custom(source: "mine") { .string($0) }
        #expect(custom.configuration == ["kind": "custom", "source": "mine"])
        #expect(Extraction(configuration: custom.configuration) == nil)
    }
}
