import AssayCore
import AssayEvaluation
import AssayLanguage

extension RunBuiltins {
    /// `tools:` (`[{name, description, parameters}]`), `tool_choice:` (`"auto"`, `"none"`,
    /// `"required"` or a tool's name) and `response_format:` (`{type: "json_schema", json_schema:
    /// {name:, schema:}}`), and `stream:` (server-sent events, with time to first token).
    static func applyTools(_ arguments: CallArguments, to spec: inout RunSpec) throws(BuiltinFailure) {
        if let value = arguments["tools"] {
            guard case .list(let items) = value else {
                throw BuiltinFailure.type(arguments.functionName, "tools", expected: "a list of {name, description, parameters}", found: value)
            }
            var tools: [ToolDefinition] = []
            for item in items {
                let json = try JSONBridge.json(item)
                do throws(ToolError) { tools.append(try ToolDefinition(json: json)) } catch {
                    throw BuiltinFailure(message: error.message, argument: "tools")
                }
            }
            spec.parameters.tools = tools
        }
        if let value = arguments["tool_choice"] {
            let json = try JSONBridge.json(value)
            do throws(ToolError) { spec.parameters.toolChoice = try ToolChoice(json: json) } catch {
                throw BuiltinFailure(message: error.message, argument: "tool_choice")
            }
        }
        if case .named(let name)? = spec.parameters.toolChoice, let tools = spec.parameters.tools, !tools.contains(where: { $0.name == name }) {
            let suggestion = Suggestion.didYouMean(name, among: tools.map(\.name)).map { $0 + " " } ?? ""
            throw BuiltinFailure(message: "tool_choice names '\(name)', which is not among the tools",
                                 hint: suggestion + "tools: " + tools.map(\.name).joined(separator: ", "), argument: "tool_choice")
        }
        if let value = try arguments.boolean("stream") { spec.parameters.stream = value }
        if let value = arguments["response_format"] {
            let format = try JSONBridge.json(value)
            guard format.objectValue?["type"]?.stringValue != nil else {
                throw BuiltinFailure.type(arguments.functionName, "response_format", expected: "a record such as {type: \"json_object\"}", found: value)
            }
            spec.parameters.responseFormat = format
        }
    }
}
