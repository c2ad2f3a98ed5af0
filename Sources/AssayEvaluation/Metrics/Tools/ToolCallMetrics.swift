import AssayCore

/// How the tool-call metrics score a case's calls (``ScoringInput/toolCalls``):
///
/// - `tool_called(name)`: 1 when the answer called the tool, else 0.
/// - `tool_args(name, {…}, match: "subset")`: 1 when a call of the tool has arguments holding every
///   given member with the given value (nested records too); `match: "exact"` wants the arguments
///   equal to the given ones. Numbers compare by value and keys in any order.
/// - `no_tool_call()`: 1 when the answer called no tool.
/// - `tool_calls_match(field)`: `{score, mismatches}` comparing the calls with the case's expected
///   calls in `field` (`[{name, arguments}]`; a case without the field expects no calls): in order
///   by default, or as a set with `ordered: false`; `score` is 1 when they match, else 0.
package enum ToolCallMetrics {
    static func called(_ name: String) -> @Sendable (ScoringInput) async throws -> JSONValue {
        { input in .int(input.toolCalls.contains { $0.name == name } ? 1 : 0) }
    }

    static func arguments(_ name: String, _ wanted: JSONValue, exact: Bool) -> @Sendable (ScoringInput) async throws -> JSONValue {
        { input in
            let hit = input.toolCalls.contains { call in
                call.name == name && (exact ? JSONSchema.equal(call.arguments, wanted) : contains(call.arguments, wanted))
            }
            return .int(hit ? 1 : 0)
        }
    }

    static let none: @Sendable (ScoringInput) async throws -> JSONValue = { input in
        .int(input.toolCalls.isEmpty ? 1 : 0)
    }

    static func match(field: String, ordered: Bool, metric: String) -> @Sendable (ScoringInput) async throws -> JSONValue {
        { input in
            // A case without the field (or with null) expects no calls: suites mix tool and text cases.
            let stored = input.testCase.fields[field].flatMap { $0.isNull ? nil : $0 } ?? .array([])
            guard let list = stored.arrayValue else {
                throw MetricError("'\(metric)' compares the calls with the case's '\(field)', which must be a list of {name, arguments}, not \(stored.kindDescription)")
            }
            let expected = ToolCall.calls(from: stored)
            guard expected.count == list.count else {
                throw MetricError("every item of the case's '\(field)' needs a name: [{name: \"get_weather\", arguments: {…}}]")
            }
            let mismatches = differences(input.toolCalls, expected, ordered: ordered)
            var value: JSONObject = ["score": .int(mismatches.isEmpty ? 1 : 0)]
            if !mismatches.isEmpty { value["mismatches"] = .string(mismatches.joined(separator: "; ")) }
            return .object(value)
        }
    }

    /// Whether `actual` holds every member of `wanted` with an equal value (objects recursively).
    package static func contains(_ actual: JSONValue, _ wanted: JSONValue) -> Bool {
        guard case .object(let wantedObject) = wanted else { return JSONSchema.equal(actual, wanted) }
        guard case .object(let actualObject) = actual else { return false }
        return wantedObject.allSatisfy { key, value in actualObject[key].map { contains($0, value) } ?? false }
    }

    /// What differs between the calls made and the calls expected, for the user.
    static func differences(_ actual: [ToolCall], _ expected: [ToolCall], ordered: Bool) -> [String] {
        func same(_ left: ToolCall, _ right: ToolCall) -> Bool {
            left.name == right.name && JSONSchema.equal(left.arguments, right.arguments)
        }
        func show(_ call: ToolCall) -> String { "\(call.name)(\(call.arguments.serialized()))" }
        if ordered {
            var found: [String] = []
            for index in 0..<max(actual.count, expected.count) {
                switch (index < actual.count ? actual[index] : nil, index < expected.count ? expected[index] : nil) {
                case (let made?, let wanted?) where !same(made, wanted):
                    found.append("call \(index + 1): expected \(show(wanted)), got \(show(made))")
                case (nil, let wanted?): found.append("call \(index + 1): expected \(show(wanted)), got none")
                case (let made?, nil): found.append("call \(index + 1): unexpected \(show(made))")
                default: continue
                }
            }
            return found
        }
        var unmatched = actual
        var missing: [ToolCall] = []
        for wanted in expected {
            if let index = unmatched.firstIndex(where: { same($0, wanted) }) { unmatched.remove(at: index) } else { missing.append(wanted) }
        }
        return missing.map { "missing \(show($0))" } + unmatched.map { "unexpected \(show($0))" }
    }
}
