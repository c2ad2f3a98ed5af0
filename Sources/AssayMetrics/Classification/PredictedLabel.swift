/// What a model's answer was taken to mean for a classification case.
public enum PredictedLabel: Sendable, Hashable {
    /// The label extracted from the answer.
    case label(String)
    /// No label could be extracted (the answer did not parse, or named no known label).
    case extractionFailed
}

/// One classification case: the gold label and the prediction.
public struct ClassificationOutcome: Sendable, Hashable {
    /// The correct label.
    public var gold: String
    /// The label the model gave, or an extraction failure.
    public var predicted: PredictedLabel

    /// Creates an outcome.
    ///
    /// - Parameters:
    ///   - gold: The correct label.
    ///   - predicted: The prediction.
    public init(gold: String, predicted: PredictedLabel) {
        self.gold = gold
        self.predicted = predicted
    }

    /// Creates an outcome from an optional prediction, `nil` meaning extraction failed.
    ///
    /// - Parameters:
    ///   - gold: The correct label.
    ///   - predicted: The extracted label, or `nil`.
    public init(gold: String, predicted: String?) {
        self.init(gold: gold, predicted: predicted.map(PredictedLabel.label) ?? .extractionFailed)
    }
}
