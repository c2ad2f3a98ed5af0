import AssayCore

/// The stored form of a multi-turn case's turns: a JSON array with one object per turn.
///
/// Members: `turn`, `input`, `expected`, `prompt`, `output`, `extracted`, `metrics`, `status`,
/// `error`, `latency_ms`, `prompt_tokens`, `completion_tokens`, `retries`, `cached` (absent values
/// as null), and `tool_calls` when the run offered tools.
enum TurnCoding {
    static func json(_ turns: [TurnResult]) -> JSONValue {
        .array(turns.map { turn in
            var object = JSONObject()
            object["turn"] = .int(turn.turn)
            object["input"] = turn.input ?? .null
            object["expected"] = turn.expected ?? .null
            object.setStageMembers(turn)
            object["prompt_tokens"] = turn.usage.map { .int($0.prompt) } ?? .null
            object["completion_tokens"] = turn.usage.map { .int($0.completion) } ?? .null
            object["retries"] = .int(turn.retries)
            object["cached"] = .bool(turn.isCached)
            if let calls = turn.toolCalls { object["tool_calls"] = ToolCall.json(calls) }
            return .object(object)
        })
    }

    /// Reads turns written by ``json(_:)``; members that cannot be read are left empty.
    static func turns(from value: JSONValue) -> [TurnResult] {
        (value.arrayValue ?? []).enumerated().compactMap { index, element in
            guard let object = element.objectValue else { return nil }
            func present(_ key: String) -> JSONValue? {
                guard let member = object[key], member != .null else { return nil }
                return member
            }
            let promptTokens = object["prompt_tokens"]?.intValue
            return TurnResult(
                turn: object["turn"]?.intValue ?? index, input: present("input"), expected: present("expected"),
                prompt: ConfigurationCoding.messages(from: object["prompt"]), output: object["output"]?.stringValue,
                extracted: present("extracted"), metrics: object["metrics"]?.objectValue ?? JSONObject(),
                status: object["status"]?.stringValue.flatMap(CaseStatus.init(rawValue:)) ?? .ok,
                error: object["error"]?.stringValue, latencyMilliseconds: object["latency_ms"]?.doubleValue,
                usage: promptTokens.map { TokenUsage(prompt: $0, completion: object["completion_tokens"]?.intValue ?? 0) },
                retries: object["retries"]?.intValue ?? 0, isCached: object["cached"]?.boolValue ?? false,
                toolCalls: present("tool_calls").map(ToolCall.calls(from:))
            )
        }
    }
}
