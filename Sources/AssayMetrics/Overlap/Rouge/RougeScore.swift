/// Precision, recall and F-measure of one ROUGE type for one prediction.
public struct RougeScore: Hashable, Sendable {
    /// Matched units over the prediction's units.
    public var precision: Double
    /// Matched units over the target's units.
    public var recall: Double
    /// The harmonic mean of precision and recall (0 when both are 0).
    public var fmeasure: Double

    /// Creates a score from its three parts.
    public init(precision: Double, recall: Double, fmeasure: Double) {
        self.precision = precision
        self.recall = recall
        self.fmeasure = fmeasure
    }

    /// The score with precision, recall and F-measure all 0.
    public static let zero = RougeScore(precision: 0, recall: 0, fmeasure: 0)

    /// Builds a score from matched units and the two unit counts, as `rouge-score` does.
    init(matches: Int, predictionCount: Int, targetCount: Int) {
        let precision = Double(matches) / Double(predictionCount)
        let recall = Double(matches) / Double(targetCount)
        self.init(precision: precision, recall: recall, fmeasure: Self.fmeasure(precision, recall))
    }

    /// `rouge-score`'s `scoring.fmeasure`, with its order of floating-point operations.
    static func fmeasure(_ precision: Double, _ recall: Double) -> Double {
        precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
    }
}
