/// Which answers a multi-turn case's conversation shows for its earlier turns.
public enum ConversationHistory: String, Sendable, Hashable, CaseIterable {
    /// The model's own earlier answers (the default): errors carry over, as in real use.
    case model
    /// The earlier turns' `expected` values (a string as it is, anything else as compact JSON), so
    /// that each turn is scored from a correct conversation.
    case expected

    /// Reads a setting's text.
    ///
    /// - Parameter text: `"model"` or `"expected"`.
    /// - Throws: ``RunError`` with code `invalidSpec` naming the allowed values.
    public init(setting text: String) throws(RunError) {
        guard let history = ConversationHistory(rawValue: text) else {
            let allowed = Self.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
            throw RunError(.invalidSpec, "history must be \(allowed), not \"\(text)\"")
        }
        self = history
    }
}
