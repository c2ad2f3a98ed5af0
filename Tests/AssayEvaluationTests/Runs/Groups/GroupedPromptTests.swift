@testable import AssayEvaluation
import Testing

/// How several cases become one request.
@Suite("Grouped prompts")
struct GroupedPromptTests {
    @Test("the first case's preamble, then one user message with the instruction and numbered items")
    func layout() {
        let renderings: [[ChatMessage]] = (1...3).map { index in
            [ChatMessage(role: "system", content: "You classify."), ChatMessage(role: "user", content: "Text \(index)")]
        }
        let prompt = GroupedPrompt(renderings: renderings)
        #expect(prompt.count == 3)
        #expect(prompt.messages == [
            ChatMessage(role: "system", content: "You classify."),
            ChatMessage(role: "user", content: """
                There are 3 numbered items below. Answer each one separately, in order, as a numbered list `1. …` \
                with one answer per item (or a JSON array of 3 answers).

                1. Text 1

                2. Text 2

                3. Text 3
                """),
        ])
    }

    @Test("a single item is announced in the singular")
    func singular() {
        let prompt = GroupedPrompt(renderings: [[ChatMessage(role: "user", content: "only")]])
        #expect(prompt.messages.count == 1)
        #expect(prompt.messages[0].content.hasPrefix("There is 1 numbered item below."))
        #expect(prompt.messages[0].content.hasSuffix("\n\n1. only"))
    }

    @Test("usage is shared out in whole tokens that sum to the total, the remainder going to the first cases")
    func usageShares() {
        let shares = TokenUsage(prompt: 103, completion: 7).shares(10)
        #expect(shares.count == 10)
        #expect(shares.reduce(0) { $0 + $1.prompt } == 103)
        #expect(shares.reduce(0) { $0 + $1.completion } == 7)
        #expect(shares.map(\.prompt) == [11, 11, 11, 10, 10, 10, 10, 10, 10, 10])
        #expect(shares.map(\.completion) == [1, 1, 1, 1, 1, 1, 1, 0, 0, 0])
    }
}
