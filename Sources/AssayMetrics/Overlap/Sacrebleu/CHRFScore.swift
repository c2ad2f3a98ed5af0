/// A chrF or chrF++ score, as sacrebleu's `CHRFScore` reports it.
public struct CHRFScore: Hashable, Sendable {
    /// The score, from 0 to 100.
    public var score: Double
    /// The character n-gram order used.
    public var characterOrder: Int
    /// The word n-gram order used (2 for chrF++).
    public var wordOrder: Int
    /// The recall weight β.
    public var beta: Int

    /// Creates a score from its parts.
    public init(score: Double, characterOrder: Int, wordOrder: Int, beta: Int) {
        self.score = score
        self.characterOrder = characterOrder
        self.wordOrder = wordOrder
        self.beta = beta
    }

    /// sacrebleu's name for the metric, such as `chrF2` or `chrF2++`.
    public var name: String {
        "chrF\(beta)" + String(repeating: "+", count: wordOrder)
    }
}
