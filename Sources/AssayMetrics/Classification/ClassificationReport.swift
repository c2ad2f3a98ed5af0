/// Accuracy, per-label and averaged precision, recall and F1, and the confusion matrix of a
/// set of classification outcomes, following scikit-learn's conventions with
/// `zero_division=0`.
///
/// The labels are every gold label and every extracted prediction. An extraction failure
/// is not a label and not a guess: it is counted in the confusion matrix's own
/// ``ConfusionMatrix/extractionErrorColumn``, it is a miss for the gold label (a false
/// negative, lowering that label's recall) and a wrong answer for accuracy, but it is a
/// false positive of no label, so no label's precision drops because of it.
///
/// - Per label: precision = TP / (TP + FP), recall = TP / (TP + FN), F1 = 2·TP / (2·TP + FP + FN),
///   each 0 when its denominator is 0; support = the number of gold cases.
/// - Macro average: the unweighted mean over labels (labels that are only predicted count).
/// - Weighted average: the mean weighted by support.
/// - Micro average: from the summed counts. Micro recall equals accuracy; micro precision
///   is accuracy among the cases whose label could be extracted, so extraction failures
///   make the two differ.
///
/// ```swift
/// let report = ClassificationReport([
///     ClassificationOutcome(gold: "spam", predicted: "spam"),
///     ClassificationOutcome(gold: "ham", predicted: nil),
/// ])
/// report.accuracy                              // 0.5
/// report.scores(for: "ham")?.recall            // 0.0
/// report.confusionMatrix.count(gold: "ham", predicted: .extractionFailed) // 1
/// ```
public struct ClassificationReport: Sendable, Hashable {
    /// The labels in report order.
    public let labels: [String]
    /// The number of outcomes.
    public let total: Int
    /// The number of outcomes whose prediction is the gold label.
    public let correct: Int
    /// The number of outcomes whose label could not be extracted.
    public let extractionFailures: Int
    /// `correct / total` (0 when there are no outcomes).
    public let accuracy: Double
    /// Scores per label, in ``labels`` order.
    public let perLabel: [LabelScores]
    /// The unweighted mean of the per-label scores.
    public let macroAverage: LabelScores
    /// Scores from the summed counts of all labels.
    public let microAverage: LabelScores
    /// The support-weighted mean of the per-label scores.
    public let weightedAverage: LabelScores
    /// Gold against predicted counts, with extraction failures in the last column.
    public let confusionMatrix: ConfusionMatrix

    /// Computes the report.
    ///
    /// - Parameters:
    ///   - outcomes: The cases.
    ///   - labelOrder: Labels to list first, in this order (they are reported even if no
    ///     case uses them). Other labels follow, sorted by Unicode code points.
    public init(_ outcomes: [ClassificationOutcome], labelOrder: [String] = []) {
        var labels: [String] = []
        var position: [String: Int] = [:]
        func add(_ label: String) {
            guard position[label] == nil else { return }
            position[label] = labels.count
            labels.append(label)
        }
        labelOrder.forEach(add)
        let observed = Set(outcomes.flatMap { outcome -> [String] in
            if case let .label(predicted) = outcome.predicted { return [outcome.gold, predicted] }
            return [outcome.gold]
        })
        observed.filter { position[$0] == nil }
            .sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
            .forEach(add)

        var counts = Array(repeating: Array(repeating: 0, count: labels.count + 1), count: labels.count)
        for outcome in outcomes {
            let row = position[outcome.gold]!
            switch outcome.predicted {
            case let .label(predicted): counts[row][position[predicted]!] += 1
            case .extractionFailed: counts[row][labels.count] += 1
            }
        }

        let truePositives = labels.indices.map { counts[$0][$0] }
        let supports = counts.map { $0.reduce(0, +) }
        let predictedCounts = labels.indices.map { column in counts.reduce(0) { $0 + $1[column] } }
        let perLabel = labels.indices.map { index in
            Self.scores(truePositives: truePositives[index], predicted: predictedCounts[index], support: supports[index])
        }

        self.labels = labels
        total = outcomes.count
        correct = truePositives.reduce(0, +)
        extractionFailures = counts.reduce(0) { $0 + $1[labels.count] }
        accuracy = Self.ratio(correct, total)
        self.perLabel = perLabel
        macroAverage = Self.average(perLabel, weights: perLabel.map { _ in 1.0 }, support: total)
        weightedAverage = Self.average(perLabel, weights: supports.map(Double.init), support: total)
        microAverage = Self.scores(
            truePositives: correct, predicted: predictedCounts.reduce(0, +), support: supports.reduce(0, +))
        confusionMatrix = ConfusionMatrix(labels: labels, counts: counts)
    }

    /// The scores of one label, or `nil` when it is not in the report.
    ///
    /// - Parameter label: A label.
    /// - Returns: Its scores.
    public func scores(for label: String) -> LabelScores? {
        labels.firstIndex(of: label).map { perLabel[$0] }
    }

    static func scores(truePositives: Int, predicted: Int, support: Int) -> LabelScores {
        LabelScores(
            precision: ratio(truePositives, predicted),
            recall: ratio(truePositives, support),
            f1: ratio(2 * truePositives, predicted + support),
            support: support
        )
    }

    static func average(_ scores: [LabelScores], weights: [Double], support: Int) -> LabelScores {
        let totalWeight = weights.reduce(0, +)
        func mean(_ value: (LabelScores) -> Double) -> Double {
            guard totalWeight > 0 else { return 0 }
            return zip(scores, weights).reduce(0) { $0 + value($1.0) * $1.1 } / totalWeight
        }
        return LabelScores(precision: mean(\.precision), recall: mean(\.recall), f1: mean(\.f1), support: support)
    }

    static func ratio(_ numerator: Int, _ denominator: Int) -> Double {
        denominator == 0 ? 0 : Double(numerator) / Double(denominator)
    }
}
