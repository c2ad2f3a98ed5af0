import AssayCore
import AssayEvaluation
import AssayLanguage
import AssayMetrics
import Foundation

/// A stored run as the language sees it: `r/id`, `r/status`, `r/summary/exact`, `r/cases/*/output`.
///
/// It is a snapshot: the store is read when the object is made (by `run`, `runs`, `resume` …).
struct RunObject: DomainObject, RichDisplayable, JSONConvertible {
    let run: StoredRun
    /// The cases of the suite the run was made from, by id, when known.
    let cases: [String: TestCase]
    /// The case results as objects, in suite then sample order.
    let caseObjects: [Value]
    /// The metric statistics, nested as the metrics nest.
    let summary: Record
    /// The same statistics by metric path, for the summary table.
    let statistics: [(path: [String], summary: MetricSummary)]
    /// The Wilson intervals of the metrics that are proportions, by path.
    let wilson: [[String]: WilsonInterval]
    /// The run's cases with their samples and reduced scores, computed once.
    let caseScores: [CaseScores]
    /// What the run's answers cost, computed once.
    let cost: RunCost
    /// The classification report, when the run's answers are held to one of a list of labels and
    /// the cases (with their expected labels) are known; made once, with the object.
    private(set) var classification: ClassificationObject?

    init(_ run: StoredRun, cases: [TestCase]) {
        self.run = run
        let byID = Dictionary(cases.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.cases = byID
        let price = run.record.price
        self.caseObjects = run.results.map {
            .object(CaseResultObject(result: $0, testCase: byID[$0.caseID], cost: RunCost.cost(of: $0, price: price)))
        }
        let runStatistics = run.statistics
        self.statistics = RunSummary.statistics(of: runStatistics)
        self.wilson = Dictionary(runStatistics.entries.compactMap { entry in entry.wilson.map { (entry.path, $0) } },
                                 uniquingKeysWith: { first, _ in first })
        self.caseScores = CaseScores.of(run.results, reducer: runStatistics.reducer)
        self.cost = run.cost
        self.summary = RunSummary.record(of: statistics, cost: cost, wilson: wilson)
        if let extraction = run.record.configuration.objectValue?["extraction"],
           ["labels", "label_set"].contains(extraction.objectValue?["kind"]?.stringValue ?? ""), !run.results.isEmpty {
            classification = try? ClassificationObject(run: self)
        }
    }

    static let members = [
        "id", "name", "status", "summary", "cases", "counts", "config", "model", "tags", "created", "derived_from",
        "pipeline", "cost", "report", "by_case", "flaky", "reduce",
    ]

    var typeName: String { "run" }
    var memberNames: [String] { Self.members }
    var elements: [Value]? { nil }

    func member(_ name: String) -> Value? {
        let record = run.record
        switch name {
        case "id": return .string(record.idText)
        case "name": return .string(record.name)
        case "status": return .string(record.status.rawValue)
        case "summary": return .record(summary)
        case "cases": return .list(caseObjects)
        case "counts": return JSONBridge.value(RunExport.countsJSON(record.counts))
        case "config": return JSONBridge.value(record.configuration)
        case "model": return JSONBridge.value(record.model)
        case "tags": return .list(record.tags.map(Value.string))
        case "created": return .string(ISO8601DateFormatter().string(from: record.createdAt))
        case "derived_from": return record.derivedFrom.map { .string($0.uuidString.lowercased()) } ?? .null
        case "pipeline": return record.pipeline.map(Value.string) ?? .null
        case "cost": return JSONBridge.value(RunExport.costJSON(cost, maxCost: record.maxCost))
        case "report": return classification.map { .object($0) } ?? .null
        case "by_case": return VerdictValues.byCase(caseScores)
        case "flaky": return statistics.first.map { VerdictValues.flaky(caseScores, path: $0.path) } ?? .list([])
        case "reduce": return .string(run.record.reducer.name)
        default: return nil
        }
    }

    /// `run 1f3a9c2e "menu" completed · model perfect · 12 results, 12 ok, 0 errors`, with
    /// `pipeline NAME · ` before the counts when a pipeline made it.
    var headline: String {
        Self.headline(run.record, cost: cost)
    }

    /// The headline of a run: its record's, with the cost line when its model has a price.
    static func headline(_ record: RunRecord, cost: RunCost?) -> String {
        let modelName = record.model.objectValue?["name"]?.stringValue ?? "?"
        var line = "run \(record.idText.prefix(8)) \"\(record.name)\" \(record.status.rawValue) · model \(modelName) · "
        if let pipeline = record.pipeline { line += "pipeline \(pipeline) · " }
        line += "\(record.counts.finished) result\(record.counts.finished == 1 ? "" : "s"), \(record.counts.ok) ok, "
        line += "\(record.counts.errors) error\(record.counts.errors == 1 ? "" : "s")"
        if record.status == .queued {
            line += ", \(record.counts.missing) to go (assay worker processes on this store fill them in)"
        } else if record.counts.missing > 0 {
            let how = record.status == .budgetExhausted ? "resume(r, max_cost: …) with a higher budget" : "resume(r)"
            line += ", \(record.counts.missing) missing (\(how) completes them)"
        }
        if let cost, let text = CostText.line(record, cost: cost) { line += "\n" + text }
        return line
    }

    /// Error statuses with their counts, e.g. `model_error: 2`.
    private var errorBreakdown: String? {
        var counts: [String: Int] = [:]
        for result in run.results where result.status != .ok { counts[result.status.rawValue, default: 0] += 1 }
        guard !counts.isEmpty else { return nil }
        return counts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
    }

    private var summaryTable: Table {
        let lines = [samplesNote, errorBreakdown.map { "errors: \($0)" }].compactMap { $0 }
        return RunSummary.table(of: statistics, caption: lines.isEmpty ? nil : lines.joined(separator: "\n"), wilson: wilson)
    }

    /// `n counts cases: 3 samples each, reduced by pass@2`, for runs with several samples per case.
    private var samplesNote: String? {
        let samples = run.record.configuration.objectValue?["samples"]?.intValue ?? 1
        guard samples > 1 else { return nil }
        return "n counts cases: \(samples) samples each, reduced by \(run.record.reducer.name)"
    }

    var plainText: String {
        let table = summaryTable
        var text = table.rows.isEmpty ? headline + (errorBreakdown.map { "\nerrors: \($0)" } ?? "") : headline + "\n" + table.plainText
        if let classification { text += "\n" + classification.body }
        return text
    }

    var mimeBundle: MIMEBundle {
        let table = summaryTable
        var html = "<p>\(HTML.escape(headline).replacingOccurrences(of: "\n", with: "<br>"))</p>\n" + (table.rows.isEmpty ? "" : table.html)
        if let classification { html += "\n" + classification.htmlBody }
        return MIMEBundle(["text/plain": plainText, "text/html": html])
    }

    func isSame(as other: any DomainObject) -> Bool {
        (other as? RunObject)?.run.record.id == run.record.id
    }

    var jsonValue: JSONValue {
        RunExport.runJSON(run, cases: cases)
    }
}
