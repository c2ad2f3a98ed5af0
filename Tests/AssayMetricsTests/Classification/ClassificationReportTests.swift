import AssayMetrics
import Testing

/// The classification report follows scikit-learn (zero_division = 0) and keeps
/// extraction failures apart from wrong labels.
@Suite("ClassificationReport")
struct ClassificationReportTests {
    /// Ten cases: 4 cat, 3 dog, 3 bird; two predictions could not be extracted, and one
    /// prediction ("fish") is a label no case has.
    static let outcomes: [ClassificationOutcome] = [
        .init(gold: "cat", predicted: "cat"), .init(gold: "cat", predicted: "cat"),
        .init(gold: "cat", predicted: "dog"), .init(gold: "cat", predicted: nil),
        .init(gold: "dog", predicted: "dog"), .init(gold: "dog", predicted: "cat"),
        .init(gold: "dog", predicted: nil),
        .init(gold: "bird", predicted: "bird"), .init(gold: "bird", predicted: "dog"),
        .init(gold: "bird", predicted: "fish"),
    ]

    let report = ClassificationReport(Self.outcomes)

    @Test("labels are every gold and predicted label, sorted by code point")
    func labels() {
        #expect(report.labels == ["bird", "cat", "dog", "fish"])
    }

    @Test("accuracy counts extraction failures as wrong")
    func accuracy() {
        #expect(report.total == 10)
        #expect(report.correct == 4)
        #expect(report.extractionFailures == 2)
        #expect(report.accuracy == 0.4)
    }

    @Test("the confusion matrix has gold rows, predicted columns and an extract_error column")
    func confusionMatrix() {
        let matrix = report.confusionMatrix
        #expect(matrix.columnNames == ["bird", "cat", "dog", "fish", "extract_error"])
        #expect(matrix.counts == [
            [1, 0, 1, 1, 0],  // bird
            [0, 2, 1, 0, 1],  // cat
            [0, 1, 1, 0, 1],  // dog
            [0, 0, 0, 0, 0],  // fish
        ])
        #expect(matrix.count(gold: "dog", predicted: .extractionFailed) == 1)
        #expect(matrix.count(gold: "cat", predicted: .label("dog")) == 1)
        #expect(matrix.count(gold: "whale", predicted: .label("cat")) == 0)
    }

    @Test("per-label precision, recall, F1 and support, computed by hand")
    func perLabel() {
        expectScores(report.scores(for: "bird"), 1, 1.0 / 3, 0.5, 3)
        expectScores(report.scores(for: "cat"), 2.0 / 3, 0.5, 4.0 / 7, 4)
        expectScores(report.scores(for: "dog"), 1.0 / 3, 1.0 / 3, 1.0 / 3, 3)
        // Only predicted, never gold: recall and F1 fall back to 0.
        expectScores(report.scores(for: "fish"), 0, 0, 0, 0)
        #expect(report.scores(for: "whale") == nil)
    }

    @Test("macro, weighted and micro averages, computed by hand")
    func averages() {
        expectScores(report.macroAverage, 0.5, 7.0 / 24, 59.0 / 168, 10)
        expectScores(report.weightedAverage, 2.0 / 3, 0.4, 67.0 / 140, 10)
        // Micro precision is over the 8 extracted predictions, micro recall over all 10 cases.
        expectScores(report.microAverage, 0.5, 0.4, 4.0 / 9, 10)
    }

    @Test("an extraction failure lowers the gold label's recall but no label's precision")
    func extractionFailureEffect() {
        let withoutFailures = ClassificationReport(Self.outcomes.filter { $0.predicted != .extractionFailed })
        #expect(report.scores(for: "cat")!.precision == withoutFailures.scores(for: "cat")!.precision)
        #expect(report.scores(for: "cat")!.recall < withoutFailures.scores(for: "cat")!.recall)
        // Counted as a wrong label instead, "cat" would lose precision too.
        let asWrongLabel = ClassificationReport(Self.outcomes.map {
            $0.predicted == .extractionFailed ? ClassificationOutcome(gold: $0.gold, predicted: "other") : $0
        })
        #expect(asWrongLabel.scores(for: "cat")!.recall == report.scores(for: "cat")!.recall)
        #expect(asWrongLabel.labels.contains("other"))
        #expect(!report.labels.contains("extract_error"))
    }

    @Test("a label order puts those labels first, even unused ones, then the rest sorted")
    func labelOrder() {
        let ordered = ClassificationReport(Self.outcomes, labelOrder: ["dog", "whale", "cat"])
        #expect(ordered.labels == ["dog", "whale", "cat", "bird", "fish"])
        expectScores(ordered.scores(for: "whale"), 0, 0, 0, 0)
        #expect(ordered.confusionMatrix.counts[0] == [1, 0, 1, 0, 0, 1])
        // An unused label still counts in the macro average, as in scikit-learn.
        #expect(abs(ordered.macroAverage.precision - 2.0 / 5) < 1e-12)
    }

    @Test("no outcomes give an empty report of zeros")
    func empty() {
        let empty = ClassificationReport([])
        #expect(empty.labels.isEmpty)
        #expect(empty.accuracy == 0)
        expectScores(empty.macroAverage, 0, 0, 0, 0)
        expectScores(empty.microAverage, 0, 0, 0, 0)
        #expect(empty.confusionMatrix.counts.isEmpty)
    }

    private func expectScores(
        _ scores: LabelScores?, _ precision: Double, _ recall: Double, _ f1: Double, _ support: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let scores else {
            Issue.record("missing scores", sourceLocation: sourceLocation)
            return
        }
        #expect(abs(scores.precision - precision) < 1e-12, "precision", sourceLocation: sourceLocation)
        #expect(abs(scores.recall - recall) < 1e-12, "recall", sourceLocation: sourceLocation)
        #expect(abs(scores.f1 - f1) < 1e-12, "f1", sourceLocation: sourceLocation)
        #expect(scores.support == support, "support", sourceLocation: sourceLocation)
    }
}

/// The example in ``ClassificationReport``'s documentation holds.
@Suite("ClassificationReport documentation example")
struct ClassificationReportDocumentationTests {
    @Test("spam and ham")
    func example() {
        let report = ClassificationReport([
            ClassificationOutcome(gold: "spam", predicted: "spam"),
            ClassificationOutcome(gold: "ham", predicted: nil),
        ])
        #expect(report.accuracy == 0.5)
        #expect(report.scores(for: "ham")?.recall == 0.0)
        #expect(report.confusionMatrix.count(gold: "ham", predicted: .extractionFailed) == 1)
    }
}
