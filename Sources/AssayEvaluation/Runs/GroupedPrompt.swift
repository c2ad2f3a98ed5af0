/// The request that asks about several cases at once (`group: n`): a shared preamble, then one user
/// message with an instruction and each case's prompt as a numbered item.
///
/// The preamble is the messages the first case's rendering has before its last user message (a
/// system message, typically); each item is a rendering's last user message. ``GroupedAnswer`` reads
/// the answer back.
package struct GroupedPrompt: Sendable, Hashable {
    /// The messages to send.
    package let messages: [ChatMessage]
    /// The number of items.
    package let count: Int

    /// Builds the request from each case's rendered messages.
    ///
    /// - Parameter renderings: Each case's messages, in item order (at least one).
    package init(renderings: [[ChatMessage]]) {
        let first = renderings.first ?? []
        let lastUser = first.lastIndex { $0.role == "user" } ?? first.endIndex
        let items = renderings.map { rendering in
            rendering.last { $0.role == "user" }?.content ?? rendering.last?.content ?? ""
        }
        count = items.count
        messages = Array(first[..<lastUser]) + [ChatMessage(role: "user", content: Self.text(items: items))]
    }

    /// The instruction that opens the user message.
    ///
    /// - Parameter count: The number of items.
    /// - Returns: The instruction text.
    package static func instruction(count: Int) -> String {
        let lead = count == 1 ? "There is 1 numbered item below." : "There are \(count) numbered items below."
        return lead + " Answer each one separately, in order, as a numbered list `1. …` with one answer per item"
            + " (or a JSON array of \(count) answers)."
    }

    /// The user message: the instruction, then `1. item`, `2. item` … separated by blank lines.
    static func text(items: [String]) -> String {
        let numbered = items.enumerated().map { "\($0.offset + 1). \($0.element)" }
        return ([instruction(count: items.count)] + numbered).joined(separator: "\n\n")
    }

    /// The items of a user message built by this type, for servers and mocks that answer each
    /// item; nil when the text is not a grouped prompt.
    ///
    /// - Parameter text: A user message.
    /// - Returns: The items' texts, in order.
    package static func items(in text: String) -> [String]? {
        let parts = text.split(separator: "\n\n", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let count = Self.count(inInstruction: String(parts[0])),
              String(parts[0]) == instruction(count: count) else { return nil }
        let items = GroupedAnswer.numberedItems(in: String(parts[1]), count: count)
        guard items.allSatisfy({ $0 != nil }) else { return nil }
        return items.compactMap { $0 }
    }

    /// The item count an instruction announces.
    private static func count(inInstruction text: String) -> Int? {
        if text.hasPrefix("There is 1 numbered item below.") { return 1 }
        guard text.hasPrefix("There are ") else { return nil }
        return Int(text.dropFirst("There are ".count).prefix { $0.isNumber })
    }
}
