extension TokenUsage {
    /// The usage divided among `count` parts in whole tokens: each part gets the quotient and the
    /// first parts one more token each until the remainder is used up, so the parts sum to the
    /// whole (prompt and completion tokens alike).
    ///
    /// - Parameter count: The number of parts (at least 1).
    /// - Returns: `count` usages.
    package func shares(_ count: Int) -> [TokenUsage] {
        guard count > 0 else { return [] }
        let prompts = Self.split(prompt, count)
        let completions = Self.split(completion, count)
        return (0..<count).map { TokenUsage(prompt: prompts[$0], completion: completions[$0]) }
    }

    private static func split(_ total: Int, _ count: Int) -> [Int] {
        let (quotient, remainder) = total.quotientAndRemainder(dividingBy: count)
        return (0..<count).map { quotient + ($0 < remainder ? 1 : 0) }
    }
}
