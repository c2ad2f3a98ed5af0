@testable import AssayEvaluation
import Testing

/// Reading a grouped request's answer back into one answer per item.
@Suite("Grouped answers")
struct GroupedAnswerTests {
    struct Example: Sendable, CustomTestStringConvertible {
        let id: String
        let text: String
        let count: Int
        let items: [String?]
        var testDescription: String { id }
    }

    static let examples: [Example] = [
        Example(id: "a numbered list with dots", text: "1. one\n2. two\n3. three", count: 3, items: ["one", "two", "three"]),
        Example(id: "parentheses and colons", text: "1) one\n2: two", count: 2, items: ["one", "two"]),
        Example(id: "text before the list is ignored", text: "Here are the answers:\n\n1. yes\n2. no", count: 2, items: ["yes", "no"]),
        Example(id: "continuation lines belong to the item before", text: "1. first line\n   second line\n\n2. two", count: 2,
                items: ["first line\n   second line", "two"]),
        Example(id: "whitespace is trimmed", text: "  1.   padded   \n2.\ttabbed\t", count: 2, items: ["padded", "tabbed"]),
        Example(id: "a missing item is nil", text: "1. one\n3. three", count: 3, items: ["one", nil, "three"]),
        Example(id: "a lower number inside an item does not split it", text: "1. steps:\n1. mix\n2. bake", count: 2,
                items: ["steps:\n1. mix", "bake"]),
        Example(id: "numbers beyond the count are text", text: "1. one\n2. two\n3. extra", count: 2, items: ["one", "two\n3. extra"]),
        Example(id: "a decimal number is not an item", text: "1. 1.5 kg\n2. 2.5 kg", count: 2, items: ["1.5 kg", "2.5 kg"]),
        Example(id: "a JSON array", text: #"["one", 2, {"a": true}]"#, count: 3, items: ["one", "2", #"{"a":true}"#]),
        Example(id: "a fenced JSON array", text: "Sure:\n```json\n[\"a\", \"b\"]\n```", count: 2, items: ["a", "b"]),
        Example(id: "a short JSON array", text: #"["a"]"#, count: 3, items: ["a", nil, nil]),
        Example(id: "no list at all", text: "I cannot answer that.", count: 2, items: [nil, nil]),
    ]

    @Test("answers are split into items", arguments: examples)
    func split(_ example: Example) {
        #expect(GroupedAnswer.items(in: example.text, count: example.count) == example.items)
    }

    @Test("a grouped prompt's items are read back by the prompt's own parser")
    func promptRoundTrip() {
        let renderings: [[ChatMessage]] = [
            [ChatMessage(role: "system", content: "Be brief."), ChatMessage(role: "user", content: "Q: one")],
            [ChatMessage(role: "system", content: "Be brief."), ChatMessage(role: "user", content: "Q: two\nwith a second line")],
        ]
        let prompt = GroupedPrompt(renderings: renderings)
        let user = prompt.messages.last!.content
        #expect(GroupedPrompt.items(in: user) == ["Q: one", "Q: two\nwith a second line"])
        #expect(GroupedPrompt.items(in: "Q: one") == nil, "an ordinary prompt is not grouped")
    }
}
