import AssayCore

/// Deterministic wrong answers for the `noisy` mock: near misses rather than noise.
enum AnswerCorruption {
    private static let replacements = ["maybe", "none", "other", "unknown", "wrong", "banana"]

    /// A corruption of `expected` that is never equal to it.
    ///
    /// Integers are off by one, Booleans flipped; text with several distinct words has them
    /// shuffled, or one replaced; any other value is turned into text and corrupted that way.
    ///
    /// - Parameters:
    ///   - expected: The right answer.
    ///   - draw: The source of the corruption's choices.
    /// - Returns: A wrong answer, as text.
    static func corrupt(_ expected: JSONValue, draw: inout SeededDraw) -> String {
        switch expected {
        case .int(let number): return String(number &+ (draw.next() % 2 == 0 ? 1 : -1))
        case .bool(let flag): return String(!flag)
        case .string(let text): return corrupt(text: text, draw: &draw)
        default: return corrupt(text: expected.serialized(), draw: &draw)
        }
    }

    static func corrupt(text: String, draw: inout SeededDraw) -> String {
        var words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        if Set(words).count >= 2, draw.next() % 2 == 0 {
            let original = words
            for _ in 0..<4 where words == original {
                for index in stride(from: words.count - 1, to: 0, by: -1) {
                    words.swapAt(index, draw.index(below: index + 1))
                }
            }
            if words != original { return words.joined(separator: " ") }
        }
        guard !words.isEmpty else { return replacements[draw.index(below: replacements.count)] }
        let position = draw.index(below: words.count)
        let candidates = replacements.filter { $0 != words[position] }
        words[position] = candidates[draw.index(below: candidates.count)]
        return words.joined(separator: " ")
    }
}
