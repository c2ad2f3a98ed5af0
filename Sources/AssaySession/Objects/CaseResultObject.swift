import AssayCore
import AssayEvaluation
import AssayLanguage

/// One case's result in a run, as the language sees it: `r/cases/3/output`,
/// `r/cases/3/metrics/rouge/rougeL/f1`, `r/cases/*/status`; a multi-turn case's turns are records,
/// `r/cases/0/turns/1/output` (null for a case without turns); `r/cases/0/tool_calls` lists the
/// tools the answer called (`[{name, arguments}]`; null when the run offered no tools), a
/// conversation's its last turn's, and `r/cases/0/turns/1/tool_calls` each turn's.
struct CaseResultObject: DomainObject, JSONConvertible {
    let result: CaseResult
    /// The case as it was in the suite (for `input`, `expected` and the other fields), when known.
    let testCase: TestCase?
    /// What answering the case cost in its run, in dollars (0 from the cache), when the price is
    /// known (see ``RunCost``).
    var cost: Double? = nil

    static let members = [
        "id", "sample", "input", "expected", "prompt", "output", "extracted", "metrics", "status", "error",
        "latency_ms", "tokens", "retries", "cached", "cost", "turns", "tool_calls", "ttft_ms", "tokens_per_s", "case",
    ]

    var typeName: String { "case result" }
    var memberNames: [String] { Self.members }

    /// The result as the engine exports it; every member but `case` is read from it.
    var json: JSONValue { RunExport.caseJSON(result, testCase: testCase, cost: cost) }

    func member(_ name: String) -> Value? {
        if name == "case" { return testCase.map { .record(JSONBridge.record($0.fields)) } ?? .null }
        guard Self.members.contains(name) else { return nil }
        return json.objectValue?[name].map(JSONBridge.value) ?? .null
    }

    var plainText: String {
        var line = "case \(result.caseID)"
        if result.sample > 0 { line += " (sample \(result.sample))" }
        line += ": \(result.status.rawValue)"
        if let output = result.output { line += "\noutput: \(output)" }
        if let turns = result.turns { line += "\nturns: \(turns.count)" }
        if let error = result.error { line += "\nerror: \(error)" }
        if !result.metrics.isEmpty { line += "\nmetrics: \(JSONValue.object(result.metrics).serialized(pretty: false))" }
        return line
    }

    /// Every member as one JSON object (for `json(x)` and exports).
    var jsonValue: JSONValue { json }
}
