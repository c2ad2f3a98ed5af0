import AssayCore
import AssayEvaluation
import AssayLanguage

/// A run's results as JSONL (one case result per line), CSV (one row per result, metrics
/// flattened to `metric/path` columns) or JSON (the whole run with its configuration).
///
/// A multi-turn case's turns are its `turns` member in JSON and JSONL (null for other cases), and a
/// `turns` column of compact JSON in CSV when the run has any.
///
/// Nothing secret is in a run, so nothing secret can be exported.
enum RunExport {
    static let formats = ["jsonl", "csv", "json"]

    static func text(of run: RunObject, format: String) throws(BuiltinFailure) -> String {
        let results = run.caseObjects.compactMap { value -> CaseResultObject? in
            if case .object(let object as CaseResultObject) = value { return object }
            return nil
        }
        switch format.lowercased() {
        case "jsonl":
            return results.map { $0.jsonValue.serialized(pretty: false) + "\n" }.joined()
        case "json":
            return run.jsonValue.serialized(pretty: true) + "\n"
        case "csv":
            return csv(results)
        default:
            let hint = Suggestion.didYouMean(format, among: formats) ?? "use one of: " + formats.joined(separator: ", ")
            throw BuiltinFailure(message: "unknown export format '\(format)'", hint: hint, argument: "format")
        }
    }

    static func csv(_ results: [CaseResultObject]) -> String {
        var metricColumns: [String] = []
        for result in results {
            RunSummary.flatten(.object(result.result.metrics), prefix: []) { path, _ in
                let name = path.joined(separator: "/")
                if !metricColumns.contains(name) { metricColumns.append(name) }
            }
        }
        // Multi-turn runs get a `turns` column holding each result's turns as compact JSON.
        let hasTurns = results.contains { $0.result.turns != nil }
        let fixed = ["id", "sample", "status", "input", "expected", "output", "extracted", "error", "latency_ms", "prompt_tokens",
                     "completion_tokens", "retries", "cached"] + (hasTurns ? ["turns"] : [])
        var lines = [(fixed + metricColumns).map(field).joined(separator: ",")]
        for object in results {
            let result = object.result
            var metrics: [String: String] = [:]
            RunSummary.flatten(.object(result.metrics), prefix: []) { path, number in metrics[path.joined(separator: "/")] = number.description }
            let cells: [String] = [
                result.caseID, String(result.sample), result.status.rawValue,
                object.testCase?.input.map(TextMetrics.text) ?? "", object.testCase?.expected.map(TextMetrics.text) ?? "",
                result.output ?? "", result.extracted.map(TextMetrics.text) ?? "", result.error ?? "",
                result.latencyMilliseconds.map { String($0) } ?? "", result.usage.map { String($0.prompt) } ?? "",
                result.usage.map { String($0.completion) } ?? "", String(result.retries), result.isCached ? "true" : "false",
            ]
            let turnCells: [String] = hasTurns ? [result.turns.map { TurnRecord.summaryJSON($0).serialized() } ?? ""] : []
            let metricCells: [String] = metricColumns.map { metrics[$0] ?? "" }
            lines.append((cells + turnCells + metricCells).map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// One CSV field, quoted as RFC 4180 asks when it holds a comma, quote or line break.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }
}
