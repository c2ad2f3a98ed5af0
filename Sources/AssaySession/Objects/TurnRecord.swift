import AssayCore
import AssayEvaluation
import AssayLanguage

/// One turn of a multi-turn case's result as the language sees it: a record with `id` (the case's),
/// `turn`, `input`,
/// `expected`, `prompt`, `output`, `extracted`, `metrics`, `status`, `error`, `latency_ms`, `tokens`
/// (also as `usage`), `retries` and `cached`.
enum TurnRecord {
    /// The record of one turn.
    static func record(_ turn: TurnResult, caseID: String) -> Value {
        let tokens: Value = turn.usage.map {
            .record(Record([("prompt", .integer($0.prompt)), ("completion", .integer($0.completion)), ("total", .integer($0.total))]))
        } ?? .null
        return .record(Record([
            ("id", .string(caseID)),
            ("turn", .integer(turn.turn)),
            ("input", turn.input.map(JSONBridge.value) ?? .null),
            ("expected", turn.expected.map(JSONBridge.value) ?? .null),
            ("prompt", .list(turn.prompt.map { .record(Record([("role", .string($0.role)), ("content", .string($0.content))])) })),
            ("output", turn.output.map(Value.string) ?? .null),
            ("extracted", turn.extracted.map(JSONBridge.value) ?? .null),
            ("metrics", .record(JSONBridge.record(turn.metrics))),
            ("status", .string(turn.status.rawValue)),
            ("error", turn.error.map(Value.string) ?? .null),
            ("latency_ms", turn.latencyMilliseconds.map(Value.float) ?? .null),
            ("tokens", tokens),
            ("usage", tokens),
            ("retries", .integer(turn.retries)),
            ("cached", .boolean(turn.isCached)),
        ]))
    }

    /// A compact form for one CSV cell: each turn's index, input, expected, output, extracted value,
    /// status, error and metrics.
    static func summaryJSON(_ turns: [TurnResult]) -> JSONValue {
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
}
