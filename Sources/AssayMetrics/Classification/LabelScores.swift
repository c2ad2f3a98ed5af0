/// Precision, recall and F1 of one label, or an average of them.
public struct LabelScores: Sendable, Hashable {
    /// Of the cases predicted as the label, the fraction that are it (0 when none were).
    public let precision: Double
    /// Of the cases that are the label, the fraction predicted as it (0 when none are).
    public let recall: Double
    /// The harmonic mean of precision and recall, computed as sklearn does:
    /// 2·TP / (2·TP + FP + FN), 0 when that is 0/0.
    public let f1: Double
    /// The number of cases whose gold label this is (for averages: all cases).
    public let support: Int

    /// Creates scores.
    ///
    /// - Parameters:
    ///   - precision: Precision in [0, 1].
    ///   - recall: Recall in [0, 1].
    ///   - f1: F1 in [0, 1].
    ///   - support: The number of gold cases.
    public init(precision: Double, recall: Double, f1: Double, support: Int) {
        self.precision = precision
        self.recall = recall
        self.f1 = f1
        self.support = support
    }
}
