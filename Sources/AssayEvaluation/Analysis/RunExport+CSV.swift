import AssayCore

extension RunExport {
    /// One row per result: the fixed columns (`cost` in dollars, empty without a price), `turns` when the run has multi-turn cases,
    /// `tool_calls` when it offered tools, `ttft_ms` and `tokens_per_s` when it streamed, then one column per metric path
    /// (`rouge/rougeL/f1`) in first-seen order; RFC 4180 with CRLF.
    static func csv(_ results: [CaseResult], cases: [String: TestCase], price: ModelPrice?) -> String {
        var columns = MetricColumnNames()
        for index in results.indices { columns.add(results[index]) }
        let parts = ResultParts(results)
        var lines = [csvHeader(parts: parts, metricColumns: columns.names)]
        for result in results {
            lines.append(csvRow(result, testCase: cases[result.caseID], price: price, parts: parts, metricColumns: columns.names))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The metric columns of a CSV export: every numeric leaf path of the results' metrics, in
    /// first-seen order.
    struct MetricColumnNames {
        private(set) var names: [String] = []
        private var seen = Set<String>()

        mutating func add(_ result: CaseResult) {
            RunStatistics.forEachNumber(in: .object(result.metrics)) { path, _ in
                let name = path.joined(separator: "/")
                if seen.insert(name).inserted { names.append(name) }
            }
        }
    }

    /// The header line of a CSV export, without its line break.
    static func csvHeader(parts: ResultParts, metricColumns: [String]) -> String {
        // Multi-turn runs get a `turns` column holding each result's turns as compact JSON.
        let fixed = ["id", "sample", "status", "input", "expected", "output", "extracted", "error", "latency_ms", "prompt_tokens",
                     "completion_tokens", "retries", "cached", "cost"] + (parts.turns ? ["turns"] : [])
            + (parts.toolCalls ? ["tool_calls"] : []) + (parts.streamed ? ["ttft_ms", "tokens_per_s"] : [])
        return (fixed + metricColumns).map(field).joined(separator: ",")
    }

    /// One result's line of a CSV export, without its line break.
    static func csvRow(_ result: CaseResult, testCase: TestCase?, price: ModelPrice?, parts: ResultParts, metricColumns: [String]) -> String {
        var metrics: [String: String] = [:]
        RunStatistics.forEachNumber(in: .object(result.metrics)) { path, number in metrics[path.joined(separator: "/")] = number.description }
        let cells: [String] = [
            result.caseID, String(result.sample), result.status.rawValue,
            testCase?.input?.text ?? "", testCase?.expected?.text ?? "",
            result.output ?? "", result.extracted?.text ?? "", result.error ?? "",
            result.latencyMilliseconds.map { String($0) } ?? "", result.usage.map { String($0.prompt) } ?? "",
            result.usage.map { String($0.completion) } ?? "", String(result.retries), result.isCached ? "true" : "false",
            RunCost.cost(of: result, price: price).map { String(RunCost.rounded($0)) } ?? "",
        ]
        var turnCells: [String] = parts.turns ? [result.turns.map { turnsSummaryJSON($0).serialized() } ?? ""] : []
        if parts.toolCalls { turnCells.append(result.toolCalls.map { ToolCall.json($0).serialized() } ?? "") }
        if parts.streamed { turnCells += [result.ttftMilliseconds.map { String($0) } ?? "", result.tokensPerSecond.map { String($0) } ?? ""] }
        return (cells + turnCells + metricColumns.map { metrics[$0] ?? "" }).map(field).joined(separator: ",")
    }

    /// A multi-turn case's turns in brief, for one CSV cell: each turn's number, input, expected,
    /// output, extracted value, status, error and metrics.
    ///
    /// - Parameter turns: The turns.
    /// - Returns: A JSON array.
    public static func turnsSummaryJSON(_ turns: [TurnResult]) -> JSONValue {
        .array(turns.map { turn in
            var object = JSONObject()
            object["turn"] = .int(turn.turn)
            object["input"] = turn.input ?? .null
            object["expected"] = turn.expected ?? .null
            object["output"] = turn.output.map(JSONValue.string) ?? .null
            object["extracted"] = turn.extracted ?? .null
            object["status"] = .string(turn.status.rawValue)
            object["error"] = turn.error.map(JSONValue.string) ?? .null
            object["metrics"] = .object(turn.metrics)
            return .object(object)
        })
    }

    /// One CSV field, quoted as RFC 4180 asks when it holds a comma, quote or line break.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }
}
