import AssayCore
import AssayEvaluation
import AssayLanguage

/// One case's result in a run, as the language sees it: `r/cases/3/output`,
/// `r/cases/3/metrics/rouge/rougeL/f1`, `r/cases/*/status`; a multi-turn case's turns are records,
/// `r/cases/0/turns/1/output` (null for a case without turns).
struct CaseResultObject: DomainObject, JSONConvertible {
    let result: CaseResult
    /// The case as it was in the suite (for `input`, `expected` and the other fields), when known.
    let testCase: TestCase?
    /// What answering the case cost in its run, in dollars (0 from the cache), when the price is
    /// known (see ``RunCost``).
    var cost: Double? = nil

    static let members = [
        "id", "sample", "input", "expected", "prompt", "output", "extracted", "metrics", "status", "error",
        "latency_ms", "tokens", "retries", "cached", "cost", "turns", "case",
    ]

    var typeName: String { "case result" }
    var memberNames: [String] { Self.members }

    func member(_ name: String) -> Value? {
        switch name {
        case "id": .string(result.caseID)
        case "sample": .integer(result.sample)
        case "input": testCase?.input.map(JSONBridge.value) ?? .null
        case "expected": testCase?.expected.map(JSONBridge.value) ?? .null
        case "prompt": .list(result.prompt.map { .record(Record([("role", .string($0.role)), ("content", .string($0.content))])) })
        case "output": result.output.map(Value.string) ?? .null
        case "extracted": result.extracted.map(JSONBridge.value) ?? .null
        case "metrics": .record(JSONBridge.record(result.metrics))
        case "status": .string(result.status.rawValue)
        case "error": result.error.map(Value.string) ?? .null
        case "latency_ms": result.latencyMilliseconds.map(Value.float) ?? .null
        case "tokens":
            result.usage.map { .record(Record([("prompt", .integer($0.prompt)), ("completion", .integer($0.completion)), ("total", .integer($0.total))])) } ?? .null
        case "retries": .integer(result.retries)
        case "cached": .boolean(result.isCached)
        case "turns": result.turns.map { turns in .list(turns.map { TurnRecord.record($0, caseID: result.caseID) }) } ?? .null
        case "cost": cost.map(Value.float) ?? .null
        case "case": testCase.map { .record(JSONBridge.record($0.fields)) } ?? .null
        default: nil
        }
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
    var jsonValue: JSONValue {
        var object = JSONObject()
        for name in Self.members where name != "case" {
            if let value = member(name), let json = try? JSONBridge.json(value) { object[name] = json }
        }
        return .object(object)
    }
}
