import AssayCore

extension RunExport {
    /// One row per result: the fixed columns (`cost` in dollars, empty without a price), `turns` when the run has multi-turn cases,
    /// `tool_calls` when it offered tools, `ttft_ms` and `tokens_per_s` when it streamed, then one column per metric path
    /// (`rouge/rougeL/f1`) in first-seen order; RFC 4180 with CRLF.
    static func csv(_ results: [CaseResult], cases: [String: TestCase], price: ModelPrice?) -> String {
        var metricColumns: [String] = []
        var seen = Set<String>()
        for result in results {
            RunStatistics.forEachNumber(in: .object(result.metrics)) { path, _ in
                let name = path.joined(separator: "/")
                if seen.insert(name).inserted { metricColumns.append(name) }
            }
        }
        // Multi-turn runs get a `turns` column holding each result's turns as compact JSON.
        let hasTurns = results.contains { $0.turns != nil }
        let hasToolCalls = results.contains { $0.toolCalls != nil }
        let streamed = results.contains { $0.ttftMilliseconds != nil }
        let fixed = ["id", "sample", "status", "input", "expected", "output", "extracted", "error", "latency_ms", "prompt_tokens",
                     "completion_tokens", "retries", "cached", "cost"] + (hasTurns ? ["turns"] : [])
            + (hasToolCalls ? ["tool_calls"] : []) + (streamed ? ["ttft_ms", "tokens_per_s"] : [])
        var lines = [(fixed + metricColumns).map(field).joined(separator: ",")]
        for result in results {
            let testCase = cases[result.caseID]
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
            var turnCells: [String] = hasTurns ? [result.turns.map { turnsSummaryJSON($0).serialized() } ?? ""] : []
            if hasToolCalls { turnCells.append(result.toolCalls.map { ToolCall.json($0).serialized() } ?? "") }
            if streamed { turnCells += [result.ttftMilliseconds.map { String($0) } ?? "", result.tokensPerSecond.map { String($0) } ?? ""] }
            lines.append((cells + turnCells + metricColumns.map { metrics[$0] ?? "" }).map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
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
