import AssayCore
import AssayEvaluation
import AssayLanguage
import AssayMetrics

/// `report(r)` (also `classification(r)`): a classification report of a run whose extraction
/// yields labels — accuracy, per-label precision, recall, F1 and support, macro, micro and
/// weighted averages, and the confusion matrix (rows: expected, columns: predicted) with
/// extraction failures in their own `extract_error` column, never counted as a wrong label.
///
/// Paths: `c/accuracy`, `c/labels/spam/f1`, `c/macro/f1`, `c/micro/precision`, `c/weighted/recall`,
/// `c/confusion/spam/ham`, `c/confusion/spam/extract_error`, `c/n`, `c/extract_errors`, `c/skipped`.
struct ClassificationObject: DomainObject, RichDisplayable, JSONConvertible {
    let report: ClassificationReport
    /// Results left out because the model never answered (model or template error).
    let skipped: Int
    let caption: String

    /// The report of a run's results against its cases' `expected` labels.
    init(run: RunObject) throws(BuiltinFailure) {
        var order: [String] = []
        if let extraction = run.run.record.configuration.objectValue?["extraction"], case .labels(let labels)? = Extraction(configuration: extraction) {
            order = labels
        }
        // Expected labels are read as answers are: ignoring case and surrounding whitespace.
        var spelling: [String: String] = [:]
        for label in order where spelling[Extraction.labelKey(label)] == nil { spelling[Extraction.labelKey(label)] = label }
        func gold(_ value: JSONValue) -> String {
            let text = TextMetrics.text(of: value)
            return spelling[Extraction.labelKey(text)] ?? text
        }
        var outcomes: [ClassificationOutcome] = []
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
            case .ok, .metricError, .judgeError:
                let predicted = result.extracted.map(TextMetrics.text) ?? ""
                outcomes.append(ClassificationOutcome(gold: gold(expected), predicted: .label(predicted)))
            }
        }
        report = ClassificationReport(outcomes, labelOrder: order)
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
        case "macro": Self.record(report.macroAverage)
        case "micro": Self.record(report.microAverage)
        case "weighted": Self.record(report.weightedAverage)
        case "confusion":
            .record(Record(zip(report.labels, report.confusionMatrix.counts).map { label, row in
                (label, .record(Record(zip(report.confusionMatrix.columnNames, row).map { ($0, .integer($1)) })))
            }))
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
            + [row("macro avg", report.macroAverage), row("micro avg", report.microAverage), row("weighted avg", report.weightedAverage)]
        return Table(headers: ["label", "precision", "recall", "f1", "support"], rows: rows, caption: nil, numericColumns: [1, 2, 3, 4])
    }

    /// Expected labels down, predicted labels (then `extract_error`) across.
    var confusionTable: Table {
        let matrix = report.confusionMatrix
        let rows = zip(matrix.labels, matrix.counts).map { label, counts in [label] + counts.map(String.init) }
        return Table(headers: ["expected \\ predicted"] + matrix.columnNames, rows: rows, caption: nil,
                     numericColumns: Set(1...matrix.columnNames.count))
    }

    /// `accuracy 0.7500 (6 of 8 correct; 1 extract_error; 1 skipped without an answer)`.
    var summaryLine: String {
        var line = "accuracy \(StatisticObject.format(report.accuracy)) (\(report.correct) of \(report.total) correct"
        if report.extractionFailures > 0 { line += "; \(report.extractionFailures) \(ConfusionMatrix.extractionErrorColumn)" }
        if skipped > 0 { line += "; \(skipped) skipped without an answer" }
        return line + ")"
    }

    /// The report without its caption: accuracy, the scores and the confusion matrix.
    var body: String {
        [summaryLine, scoresTable.plainText, "confusion matrix (rows: expected, columns: predicted)", confusionTable.plainText]
            .joined(separator: "\n")
    }

    /// ``body`` as HTML.
    var htmlBody: String {
        "<p>\(HTML.escape(summaryLine))</p>\n" + scoresTable.html
            + "\n<p>confusion matrix (rows: expected, columns: predicted)</p>\n" + confusionTable.html
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
