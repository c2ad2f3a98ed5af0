import AssayCore
import AssayEvaluation
import AssayLanguage
import AssayMetrics

/// `report(r)` (also `classification(r)`): a classification report of a run whose extraction
/// yields labels — accuracy, per-label precision, recall, F1 and support, macro, micro and
/// weighted averages, and the confusion matrix (rows: expected, columns: predicted) with
/// extraction failures in their own `extract_error` column, never counted as a wrong label.
/// A multi-label run (label sets) has the per-label scores and averages of ``MultiLabelReport``,
/// exact-set accuracy and no confusion matrix (`c/confusion` is null).
///
/// Paths: `c/accuracy`, `c/labels/spam/f1`, `c/macro/f1`, `c/micro/precision`, `c/weighted/recall`,
/// `c/confusion/spam/ham`, `c/confusion/spam/extract_error`, `c/n`, `c/extract_errors`, `c/skipped`.
struct ClassificationObject: DomainObject, RichDisplayable, JSONConvertible {
    /// The numbers of either kind of report.
    struct Scores {
        let labels: [String]
        let perLabel: [LabelScores]
        let macro: LabelScores
        let micro: LabelScores
        let weighted: LabelScores
        let total: Int
        let correct: Int
        let extractionFailures: Int
        let accuracy: Double
        /// The confusion matrix of a single-label report; nil for a multi-label one.
        let confusion: ConfusionMatrix?
    }

    let report: Scores
    /// Results left out because the model never answered (model or template error).
    let skipped: Int
    let caption: String

    /// The report of a run's results against its cases' `expected` labels.
    init(run: RunObject) throws(BuiltinFailure) {
        var order: [String] = []
        var multiLabel = false
        if let extraction = run.record.configuration.objectValue?["extraction"] {
            switch Extraction(configuration: extraction) {
            case .labels(let labels)?: order = labels
            case .labelSet(let labels)?: order = labels; multiLabel = true
            default: break
            }
        }
        // Expected labels are read as answers are: ignoring case and surrounding whitespace.
        var spelling: [String: String] = [:]
        for label in order where spelling[Extraction.labelKey(label)] == nil { spelling[Extraction.labelKey(label)] = label }
        func gold(_ value: JSONValue) -> String {
            let text = TextMetrics.text(of: value)
            return spelling[Extraction.labelKey(text)] ?? text
        }
        /// A label set: a list's items, or a text's comma-separated parts.
        func goldSet(_ value: JSONValue) -> Set<String> {
            let parts = value.arrayValue?.map(TextMetrics.text) ?? Extraction.labelParts(TextMetrics.text(of: value))
            return Set(parts.map { gold(.string($0)) }.filter { !$0.isEmpty })
        }
        var outcomes: [ClassificationOutcome] = []
        var sets: [MultiLabelOutcome] = []
        var skipped = 0
        for result in run.run.results {
            guard let testCase = run.cases[result.caseID] else {
                throw BuiltinFailure(message: "this session does not have the run's cases, so it cannot read their expected labels",
                                     hint: "load the suite the run was made from in this session", argument: "run", id: "value.run")
            }
            guard let expected = testCase.expected else {
                throw BuiltinFailure(message: "case \(result.caseID) has no 'expected' label", argument: "run", id: "value.run")
            }
            switch result.status {
            case .modelError, .templateError:
                skipped += 1
            case .extractError:
                outcomes.append(ClassificationOutcome(gold: gold(expected), predicted: .extractionFailed))
                sets.append(MultiLabelOutcome(gold: goldSet(expected), predicted: nil))
            case .ok, .metricError, .judgeError:
                let predicted = result.extracted.map(TextMetrics.text) ?? ""
                outcomes.append(ClassificationOutcome(gold: gold(expected), predicted: .label(predicted)))
                sets.append(MultiLabelOutcome(gold: goldSet(expected), predicted: result.extracted.map(goldSet) ?? []))
            }
        }
        if multiLabel {
            let multi = MultiLabelReport(sets, labelOrder: order)
            report = Scores(labels: multi.labels, perLabel: multi.perLabel, macro: multi.macroAverage, micro: multi.microAverage,
                            weighted: multi.weightedAverage, total: multi.total, correct: multi.correct,
                            extractionFailures: multi.extractionFailures, accuracy: multi.accuracy, confusion: nil)
        } else {
            let single = ClassificationReport(outcomes, labelOrder: order)
            report = Scores(labels: single.labels, perLabel: single.perLabel, macro: single.macroAverage, micro: single.microAverage,
                            weighted: single.weightedAverage, total: single.total, correct: single.correct,
                            extractionFailures: single.extractionFailures, accuracy: single.accuracy, confusion: single.confusionMatrix)
        }
        self.skipped = skipped
        caption = run.headline
    }

    static let members = ["accuracy", "n", "correct", "extract_errors", "skipped", "labels", "macro", "micro", "weighted", "confusion"]

    var typeName: String { "classification report" }
    var memberNames: [String] { Self.members }

    func member(_ name: String) -> Value? {
        switch name {
        case "accuracy": .float(report.accuracy)
        case "n": .integer(report.total)
        case "correct": .integer(report.correct)
        case "extract_errors": .integer(report.extractionFailures)
        case "skipped": .integer(skipped)
        case "labels": .record(Record(zip(report.labels, report.perLabel).map { ($0, Self.record($1)) }))
        case "macro": Self.record(report.macro)
        case "micro": Self.record(report.micro)
        case "weighted": Self.record(report.weighted)
        case "confusion":
            report.confusion.map { matrix in
                .record(Record(zip(matrix.labels, matrix.counts).map { label, row in
                    (label, .record(Record(zip(matrix.columnNames, row).map { ($0, .integer($1)) })))
                }))
            } ?? .null
        default: nil
        }
    }

    private static func record(_ scores: LabelScores) -> Value {
        .record(Record([
            ("precision", .float(scores.precision)), ("recall", .float(scores.recall)), ("f1", .float(scores.f1)),
            ("support", .integer(scores.support)),
        ]))
    }

    /// Per label, then the three averages.
    var scoresTable: Table {
        func row(_ name: String, _ scores: LabelScores) -> [String] {
            [name, StatisticObject.format(scores.precision), StatisticObject.format(scores.recall), StatisticObject.format(scores.f1), String(scores.support)]
        }
        let rows = zip(report.labels, report.perLabel).map { row($0, $1) }
            + [row("macro avg", report.macro), row("micro avg", report.micro), row("weighted avg", report.weighted)]
        return Table(headers: ["label", "precision", "recall", "f1", "support"], rows: rows, caption: nil, numericColumns: [1, 2, 3, 4])
    }

    /// Expected labels down, predicted labels (then `extract_error`) across; nil for label sets.
    var confusionTable: Table? {
        guard let matrix = report.confusion else { return nil }
        let rows = zip(matrix.labels, matrix.counts).map { label, counts in [label] + counts.map(String.init) }
        return Table(headers: ["expected \\ predicted"] + matrix.columnNames, rows: rows, caption: nil,
                     numericColumns: Set(1...matrix.columnNames.count))
    }

    /// `accuracy 0.7500 (6 of 8 correct; 1 extract_error; 1 skipped without an answer)`, or for
    /// label sets `exact-set accuracy 0.5000 (1 of 2 sets exactly right; …)`.
    var summaryLine: String {
        let multi = report.confusion == nil
        var line = multi
            ? "exact-set accuracy \(StatisticObject.format(report.accuracy)) (\(report.correct) of \(report.total) sets exactly right"
            : "accuracy \(StatisticObject.format(report.accuracy)) (\(report.correct) of \(report.total) correct"
        if report.extractionFailures > 0 { line += "; \(report.extractionFailures) \(ConfusionMatrix.extractionErrorColumn)" }
        if skipped > 0 { line += "; \(skipped) skipped without an answer" }
        return line + ")"
    }

    private static let confusionHeading = "confusion matrix (rows: expected, columns: predicted)"

    /// The report without its caption: accuracy, the scores and the confusion matrix.
    var body: String {
        ([summaryLine, scoresTable.plainText] + (confusionTable.map { [Self.confusionHeading, $0.plainText] } ?? []))
            .joined(separator: "\n")
    }

    /// ``body`` as HTML.
    var htmlBody: String {
        "<p>\(HTML.escape(summaryLine))</p>\n" + scoresTable.html
            + (confusionTable.map { "\n<p>\(Self.confusionHeading)</p>\n" + $0.html } ?? "")
    }

    var plainText: String {
        caption + "\n" + body
    }

    var mimeBundle: MIMEBundle {
        MIMEBundle(["text/plain": plainText, "text/html": "<p>\(HTML.escape(caption))</p>\n" + htmlBody])
    }

    var jsonValue: JSONValue {
        var object = JSONObject()
        for name in Self.members {
            if let value = member(name), let json = try? JSONBridge.json(value) { object[name] = json }
        }
        return .object(object)
    }
}
