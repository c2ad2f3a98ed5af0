/// A score read from an LLM judge's answer.
public struct JudgeScore: Sendable, Hashable {
    /// The score as the judge wrote it, on the parser's scale (a score of "7/10" is 7).
    public let rawValue: Double
    /// The score to record: ``rawValue``, or mapped to 0–1 when the parser normalizes.
    public let value: Double
    /// The text the score was read from, such as `Score: 7/10` or `{"score": 7}`.
    public let evidence: String

    /// Creates a score.
    ///
    /// - Parameters:
    ///   - rawValue: The score on the judge's scale.
    ///   - value: The score to record.
    ///   - evidence: The part of the answer the score came from.
    public init(rawValue: Double, value: Double, evidence: String) {
        self.rawValue = rawValue
        self.value = value
        self.evidence = evidence
    }
}
