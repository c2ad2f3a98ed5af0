import AssayEvaluation
import AssayLanguage
import Foundation

/// What `save` writes for values that are not suites: a run or a comparison as the engine's HTML
/// report (``RunReport``), a chart as SVG.
enum ReportSaving {
    /// Writes the value when it is a run, a comparison or a chart, and says what was written;
    /// nil for anything else (a suite or records, which `save` writes as JSONL).
    static func save(_ value: Value, to path: String, _ state: SessionState, _ invoker: any Invoker) throws(BuiltinFailure) -> Value? {
        guard case .object(let object) = value else { return nil }
        let text: String
        let what: String
        switch object {
        case let run as RunObject:
            try expect(path, "html", for: "a run's report")
            text = RunReport.html(of: run.run, cases: run.run.evaluatedSuite()?.cases ?? Array(run.cases.values))
            what = "the report of run \(run.record.idText.prefix(8)) (\(run.run.results.count) results)"
        case let comparison as ComparisonObject:
            try expect(path, "html", for: "a comparison's report")
            let whole = try wholeComparison(comparison.comparison, state)
            let a = whole.a, b = whole.b
            text = RunReport.html(of: whole, casesA: a.evaluatedSuite()?.cases ?? [], casesB: b.evaluatedSuite()?.cases ?? [])
            what = "the comparison of runs \(a.record.idText.prefix(8)) and \(b.record.idText.prefix(8)) (\(whole.pairing))"
        case let chart as Chart:
            try expect(path, "svg", for: "a chart")
            text = chart.svg
            what = "the chart “\(chart.title)”"
        default:
            return nil
        }
        do {
            try text.write(toFile: state.resolvePath(path), atomically: true, encoding: .utf8)
        } catch {
            throw BuiltinFailure(message: "cannot write \(path): \(error.localizedDescription)", argument: "path", id: "io.save")
        }
        invoker.write("saved \(what) to \(path)\n")
        return .null
    }

    /// The comparison with both runs' results, which the report shows: a comparison of runs read
    /// from the store a page at a time holds only their records, so they are read whole now.
    private static func wholeComparison(_ comparison: RunComparison, _ state: SessionState) throws(BuiltinFailure) -> RunComparison {
        let holdsResults = [comparison.a, comparison.b].allSatisfy { !$0.results.isEmpty || $0.record.counts.finished == 0 }
        guard !holdsResults else { return comparison }
        let store = try state.runs.store()
        do {
            return try RunComparison(a: try store.load(comparison.a.record.id), b: try store.load(comparison.b.record.id),
                                     metric: comparison.focus?.name)
        } catch {
            throw RunReading.failure(error, argument: "value")
        }
    }

    private static func expect(_ path: String, _ suffix: String, for what: String) throws(BuiltinFailure) {
        guard path.lowercased().hasSuffix("." + suffix) else {
            throw BuiltinFailure(message: "save writes \(what) as .\(suffix), not \(path)", hint: "name the file e.g. report.\(suffix)",
                                 argument: "path", id: "io.save")
        }
    }
}
