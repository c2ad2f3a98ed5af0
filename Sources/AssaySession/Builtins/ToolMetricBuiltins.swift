import AssayCore
import AssayEvaluation
import AssayLanguage

/// `tool_called`, `tool_args`, `no_tool_call` and `tool_calls_match`: metrics of the tools a run's
/// answers called.
extension MetricBuiltins {
    static func toolMetrics(_ state: SessionState) -> [Builtin] {
        [
            Builtin(
                name: "tool_called", usage: "tool_called(name) → metric",
                summary: "1 when the answer called the named tool, else 0 (for a run with tools:).",
                parameters: [.positional("name")]
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                let name = try toolName(arguments)
                return .object(MetricObject(metric: try state.metric(MetricSpec(.toolCalled(name: name)), argument: "name")))
            },
            Builtin(
                name: "tool_args", usage: "tool_args(name, {arguments}, match: \"subset\") → metric",
                summary: "1 when a call of the tool has the given arguments (match: \"subset\", the default: at least these; \"exact\": exactly these), else 0.",
                parameters: [.positional("name"), .positional("arguments"), .keyword("match")]
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                let name = try toolName(arguments)
                let wanted = try JSONBridge.json(try arguments.required("arguments"))
                guard wanted.objectValue != nil else {
                    throw BuiltinFailure.type("tool_args", "arguments", expected: "a record of arguments", found: arguments["arguments"] ?? .null)
                }
                let match = try arguments.string("match") ?? "subset"
                guard match == "subset" || match == "exact" else {
                    throw BuiltinFailure(message: "tool_args's match must be \"subset\" or \"exact\", not \"\(match)\"", argument: "match")
                }
                let spec = MetricSpec(.toolArguments(name: name, arguments: wanted, exact: match == "exact"))
                return .object(MetricObject(metric: try state.metric(spec, argument: "name")))
            },
            Builtin(
                name: "no_tool_call", usage: "no_tool_call() → metric",
                summary: "1 when the answer called no tool, else 0.",
                parameters: []
            ) { [unowned state] _, _ throws(BuiltinFailure) in
                .object(MetricObject(metric: try state.metric(MetricSpec(.noToolCall), argument: "")))
            },
            Builtin(
                name: "tool_calls_match", usage: "tool_calls_match(field = \"expected_tool_calls\", ordered: true) → metric",
                summary: "{score, mismatches}: 1 when the calls equal the case's expected calls [{name, arguments}] in field, in order (ordered: false: as a set).",
                parameters: [.positional("field", required: false), .keyword("ordered")]
            ) { [unowned state] arguments, _ throws(BuiltinFailure) in
                let field = try arguments.string("field") ?? "expected_tool_calls"
                let spec = MetricSpec(.toolCallsMatch(field: field, ordered: try arguments.boolean("ordered") ?? true))
                return .object(MetricObject(metric: try state.metric(spec, argument: "field")))
            },
        ]
    }

    private static func toolName(_ arguments: CallArguments) throws(BuiltinFailure) -> String {
        guard let name = try arguments.string("name"), !name.isEmpty else {
            throw BuiltinFailure(message: "\(arguments.functionName) needs the tool's name", argument: "name")
        }
        return name
    }
}
