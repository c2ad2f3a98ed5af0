/// Per-label precision, recall, F1 and support of multi-label outcomes (each case a set of gold
/// labels against the set predicted), with macro, micro and weighted averages and exact-set
/// accuracy, following scikit-learn's multi-label conventions with `zero_division=0`.
///
/// Each label is scored one against the rest: a case predicting it counts towards its precision,
/// a case whose gold set holds it towards its recall and support. A case whose labels could not be
/// extracted predicts nothing: every gold label of it is a miss, and it is never an exact match.
///
/// ```swift
/// let report = MultiLabelReport([
///     MultiLabelOutcome(gold: ["billing", "bug"], predicted: ["billing"]),
///     MultiLabelOutcome(gold: ["feature"], predicted: ["feature"]),
/// ])
/// report.accuracy                        // 0.5
/// report.scores(for: "bug")?.recall      // 0.0
/// ```
public struct MultiLabelReport: Sendable, Hashable {
    /// The labels in report order.
    public let labels: [String]
    /// The number of cases.
    public let total: Int
    /// Cases whose predicted set equals the gold set.
    public let correct: Int
    /// Cases whose labels could not be extracted.
    public let extractionFailures: Int
    /// Exact-set accuracy: ``correct`` / ``total`` (0 without cases).
    public let accuracy: Double
    /// Scores per label, in the order of ``labels``.
    public let perLabel: [LabelScores]
    /// The unweighted mean over labels.
    public let macroAverage: LabelScores
    /// The scores of the summed counts of every label.
    public let microAverage: LabelScores
    /// The mean over labels weighted by support.
    public let weightedAverage: LabelScores

    /// Scores outcomes.
    ///
    /// - Parameters:
    ///   - outcomes: One per case.
    ///   - labelOrder: Labels to list first, in this order; any other label seen follows sorted.
    public init(_ outcomes: [MultiLabelOutcome], labelOrder: [String] = []) {
        var labels: [String] = []
        var position: [String: Int] = [:]
        func add(_ label: String) {
            guard position[label] == nil else { return }
            position[label] = labels.count
            labels.append(label)
        }
        labelOrder.forEach(add)
        Set(outcomes.flatMap { $0.gold.union($0.predicted ?? []) }).filter { position[$0] == nil }
            .sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
            .forEach(add)
        var truePositives = Array(repeating: 0, count: labels.count)
        var predictedCounts = truePositives
        var supports = truePositives
        for outcome in outcomes {
            for label in outcome.gold { supports[position[label]!] += 1 }
            for label in outcome.predicted ?? [] {
                predictedCounts[position[label]!] += 1
                if outcome.gold.contains(label) { truePositives[position[label]!] += 1 }
            }
        }
        let perLabel = labels.indices.map { index in
            ClassificationReport.scores(truePositives: truePositives[index], predicted: predictedCounts[index], support: supports[index])
        }
        self.labels = labels
        total = outcomes.count
        correct = outcomes.filter { $0.predicted == $0.gold }.count
        extractionFailures = outcomes.filter { $0.predicted == nil }.count
        accuracy = ClassificationReport.ratio(correct, total)
        self.perLabel = perLabel
        macroAverage = ClassificationReport.average(perLabel, weights: perLabel.map { _ in 1.0 }, support: supports.reduce(0, +))
        weightedAverage = ClassificationReport.average(perLabel, weights: supports.map(Double.init), support: supports.reduce(0, +))
        microAverage = ClassificationReport.scores(
            truePositives: truePositives.reduce(0, +), predicted: predictedCounts.reduce(0, +), support: supports.reduce(0, +))
    }

    /// The scores of one label, or `nil` when it is not in the report.
    ///
    /// - Parameter label: A label.
    /// - Returns: Its scores.
    public func scores(for label: String) -> LabelScores? {
        labels.firstIndex(of: label).map { perLabel[$0] }
    }
}

/// One case of a multi-label task: its gold labels and the labels predicted.
public struct MultiLabelOutcome: Sendable, Hashable {
    /// The labels the case has.
    public var gold: Set<String>
    /// The labels predicted, or nil when none could be extracted.
    public var predicted: Set<String>?

    /// Creates an outcome.
    ///
    /// - Parameters:
    ///   - gold: The case's labels.
    ///   - predicted: The labels predicted, or nil for an extraction failure.
    public init(gold: Set<String>, predicted: Set<String>?) {
        self.gold = gold
        self.predicted = predicted
    }
}
