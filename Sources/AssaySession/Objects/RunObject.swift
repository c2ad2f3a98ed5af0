import AssayCore
import AssayEvaluation
import AssayLanguage
import AssayMetrics
import Foundation

/// A stored run as the language sees it: `r/id`, `r/status`, `r/summary/exact`, `r/cases/*/output`.
///
/// It is a snapshot of the run's record, read when the object is made (by `run`, `runs`, `resume`
/// …): its id, status, counts, configuration and stored summary. The results and cases are read
/// from the store only when something needs them (`r/cases`, `r/by_case`, `r/flaky`, `r/report`,
/// a comparison of cases), once (``RunContents``): showing a run reads its record, and the
/// store's count of each error status.
struct RunObject: DomainObject, RichDisplayable, JSONConvertible {
    /// The run's record.
    let record: RunRecord
    /// The statistics of the run's metrics: its stored summary, or for a run without one, computed
    /// from its scores when the object is made.
    let runStatistics: RunStatistics
    /// The same statistics by metric path, for the summary table.
    let statistics: [(path: [String], summary: MetricSummary)]
    /// The Wilson intervals of the metrics that are proportions, by path.
    let wilson: [[String]: WilsonInterval]
    /// The results and what is made of them, read on first use.
    private let contents: RunContents

    /// A run held whole, with the cases of the suite it was made from.
    init(_ run: StoredRun, cases: [TestCase]) {
        self.init(record: run.record, statistics: run.statistics, contents: RunContents(record: run.record, source: .held(run, cases: cases)))
    }

    /// A stored run whose results are read from the store when first needed.
    ///
    /// - Throws: ``RunStoreError`` when the run has no stored summary and its scores cannot be read.
    init(record: RunRecord, store: RunStore) throws {
        let statistics = try RunResults(record: record, store: store).statistics()
        self.init(record: record, statistics: statistics, contents: RunContents(record: record, source: .store(store)))
    }

    private init(record: RunRecord, statistics runStatistics: RunStatistics, contents: RunContents) {
        self.record = record
        self.runStatistics = runStatistics
        self.contents = contents
        statistics = RunSummary.statistics(of: runStatistics)
        wilson = Dictionary(runStatistics.entries.compactMap { entry in entry.wilson.map { (entry.path, $0) } },
                            uniquingKeysWith: { first, _ in first })
    }

    /// The run with all its results (read from the store the first time).
    var run: StoredRun { contents.run }

    /// The run's results as analyses read them in order: held when the object holds them, else
    /// read from the store a page at a time.
    var results: RunResults { contents.results }

    /// The store the run's results are read from, unless the object holds them from the start.
    var store: RunStore? { contents.store }

    /// Whether the run's results are in memory: held from the start, or read once something needed
    /// them.
    var holdsResults: Bool { contents.holdsResults }

    /// The cases of the suite the run was made from, by id, when known.
    var cases: [String: TestCase] { contents.cases }

    /// The case results as objects, in suite then sample order.
    var caseObjects: [Value] {
        contents.once(\.caseObjects) {
            let run = self.run, cases = self.cases, price = record.price
            return run.results.map {
                .object(CaseResultObject(result: $0, testCase: cases[$0.caseID], cost: RunCost.cost(of: $0, price: price)))
            }
        }
    }

    /// The run's cases with their samples and reduced scores.
    var caseScores: [CaseScores] {
        contents.once(\.caseScores) { CaseScores.of(run.results, reducer: runStatistics.reducer) }
    }

    /// What the run's answers cost.
    var cost: RunCost { contents.cost }

    /// What the run's answers cost when its model has a price; nil without one (a cost without a
    /// price has no dollars, and no result is read for it).
    var pricedCost: RunCost? {
        record.price == nil ? nil : cost
    }

    /// The metric statistics, nested as the metrics nest, with the cost and requests.
    var summary: Record {
        contents.once(\.summary) { RunSummary.record(of: statistics, cost: cost, wilson: wilson) }
    }

    /// The classification report, when the run's answers are held to one of a list of labels and
    /// the cases (with their expected labels) are known.
    var classification: ClassificationObject? {
        guard let extraction = record.configuration.objectValue?["extraction"],
              ["labels", "label_set"].contains(extraction.objectValue?["kind"]?.stringValue ?? ""), record.counts.finished > 0 else {
            return nil
        }
        return contents.once(\.classification) { run.results.isEmpty ? nil : try? ClassificationObject(run: self) }
    }

    static let members = [
        "id", "name", "status", "summary", "cases", "counts", "config", "model", "tags", "created", "derived_from",
        "pipeline", "cost", "report", "by_case", "flaky", "reduce",
    ]

    var typeName: String { "run" }
    var memberNames: [String] { Self.members }
    var elements: [Value]? { nil }

    func member(_ name: String) -> Value? {
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
        case "reduce": return .string(record.reducer.name)
        default: return nil
        }
    }

    /// `run 1f3a9c2e "menu" completed · model perfect · 12 results, 12 ok, 0 errors`, with
    /// `pipeline NAME · ` before the counts when a pipeline made it.
    /// The cost is added up only for a model with a price: without one there is no cost line.
    var headline: String {
        Self.headline(record, cost: pricedCost)
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
        let counts = contents.errorCounts
        guard !counts.isEmpty else { return nil }
        return counts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
    }

    private var summaryTable: Table {
        let lines = [samplesNote, errorBreakdown.map { "errors: \($0)" }].compactMap { $0 }
        return RunSummary.table(of: statistics, caption: lines.isEmpty ? nil : lines.joined(separator: "\n"), wilson: wilson)
    }

    /// `n counts cases: 3 samples each, reduced by pass@2`, for runs with several samples per case.
    private var samplesNote: String? {
        let samples = record.configuration.objectValue?["samples"]?.intValue ?? 1
        guard samples > 1 else { return nil }
        return "n counts cases: \(samples) samples each, reduced by \(record.reducer.name)"
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
        (other as? RunObject)?.record.id == record.id
    }

    var jsonValue: JSONValue {
        RunExport.runJSON(run, cases: cases)
    }
}
