import AssayCore
import AssayEvaluation

/// The answers of the oracle policy: each case's `expected`, found from the conversation.
///
/// A case is a conversation of one turn (`input`, `expected`) or of several (`turns`). A request
/// with m user messages is a conversation at its turn m: its case is the one with at least m turns
/// whose j-th turn's input appears in the j-th user message, for every j (the longest inputs win
/// when several match, the first in the suite on a tie), and the answer is turn m's expected. A request built by ``GroupedPrompt``
/// (its last user message; the earlier ones are worked examples) is answered item by item, as a
/// numbered list. A request that matches no case is answered with
/// the expected value of the case whose input appears in the last user message, or nothing.
///
/// A turn that gives tool results (``ToolResult``) is a user turn whose text is the results'
/// contents, one per line, as ``MockResponder/userMessages(in:)`` reads them from a request.
///
/// A case may list the tool calls it expects (`expected_tool_calls: [{name, arguments}]`); a
/// request that offers tools is answered with them (``calls(userMessages:)``).
struct MockOracle: Sendable {
    /// One turn's input and answer texts, and the calls the case expects.
    struct Turn: Sendable {
        let input: String
        let answer: String
        var calls: [ToolCall] = []
    }

    /// Every case's turns (one for a case without `turns`), in suite order.
    let conversations: [[Turn]]

    init(suite: Suite) {
        conversations = suite.cases.compactMap { testCase -> [Turn]? in
            let turnCases = testCase.turns.map { turns in turns.indices.map(testCase.turn) } ?? [testCase]
            var turns: [Turn] = []
            for (index, turnCase) in turnCases.enumerated() {
                let calls = ToolCall.calls(from: turnCase.fields[MockChatModel.expectedCallsField])
                let results = (try? testCase.turns.flatMap { try ToolResult.results(in: $0[index]) }) ?? nil
                guard let input = results.map({ .string($0.map(\.content).joined(separator: "\n")) }) ?? turnCase.input,
                      turnCase.expected != nil || !calls.isEmpty else { return nil }
                let inputText = Self.text(input)
                guard !inputText.isEmpty else { return nil }
                turns.append(Turn(input: inputText, answer: turnCase.expected.map(Self.text) ?? "", calls: calls))
            }
            return turns
        }
    }

    /// The answer to a conversation given as its user messages' texts, in order.
    func answer(userMessages: [String]) -> String {
        guard let last = userMessages.last else { return "" }
        // A grouped request's items are in its last user message; earlier ones are worked examples.
        if let items = GroupedPrompt.items(in: last) {
            return items.enumerated().map { "\($0.offset + 1). " + answer(userMessages: [$0.element]) }.joined(separator: "\n")
        }
        return turn(userMessages: userMessages)?.answer ?? ""
    }

    /// The calls the case of a conversation expects; empty when it expects none.
    func calls(userMessages: [String]) -> [ToolCall] {
        turn(userMessages: userMessages)?.calls ?? []
    }

    /// The turn a conversation (not a grouped request) is at.
    private func turn(userMessages: [String]) -> Turn? {
        guard let last = userMessages.last else { return nil }
        let turn = userMessages.count - 1
        let matching = conversations.filter { conversation in
            conversation.count > turn && zip(conversation, userMessages).allSatisfy { $1.contains($0.input) }
        }
        if let best = matching.max(by: { Self.length($0.prefix(turn + 1)) < Self.length($1.prefix(turn + 1)) }) {
            return best[turn]
        }
        let turns = conversations.flatMap { $0 }.filter { last.contains($0.input) }
        return turns.max { $0.input.count < $1.input.count }
    }

    private static func text(_ value: JSONValue) -> String {
        value.stringValue ?? value.serialized()
    }

    private static func length(_ conversation: some Sequence<Turn>) -> Int {
        conversation.reduce(0) { $0 + $1.input.count }
    }
}
