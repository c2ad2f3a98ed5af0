import AssayCore

/// What the real APIs refuse with 400 before answering: a request without a model or messages, or
/// with fields of the wrong type, or tool results that answer no call (``MockToolHistoryCheck``).
/// A mock that accepted them would hide the client's bugs.
///
/// The messages follow each API's wording: OpenAI's sentences (`Missing required parameter:
/// 'messages'.`) and Anthropic's field paths (`messages: Field required`).
enum MockRequestCheck {
    /// Why the real API would refuse `body` on `route` at `path`, or nil when it would answer.
    ///
    /// Azure names the deployment in the path (`…/deployments/NAME/chat/completions`), so its
    /// bodies need no `model`.
    static func problem(in body: JSONObject, route: MockResponder.Route, path: String) -> String? {
        switch route {
        case .chatCompletions: openAIProblem(in: body, needsModel: !path.contains("/deployments/"))
        case .messages: anthropicProblem(in: body)
        }
    }

    private static let openAIRoles = ["system", "developer", "user", "assistant", "tool", "function"]

    private static func openAIProblem(in body: JSONObject, needsModel: Bool) -> String? {
        if let model = body["model"], !model.isNull {
            guard model.stringValue != nil else { return wrongType("model", expected: "a string", got: model) }
        } else if needsModel {
            return "you must provide a model parameter"
        }
        guard let messages = body["messages"] else { return "Missing required parameter: 'messages'." }
        guard let list = messages.arrayValue else {
            return wrongType("messages", expected: "an array of objects", got: messages)
        }
        guard !list.isEmpty else {
            return "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead."
        }
        for (index, message) in list.enumerated() {
            let place = "messages[\(index)]"
            guard let object = message.objectValue else { return wrongType(place, expected: "an object", got: message) }
            guard let role = object["role"] else { return "Missing required parameter: '\(place).role'." }
            guard let name = role.stringValue, openAIRoles.contains(name) else {
                return "Invalid value for '\(place).role': supported values are "
                    + openAIRoles.map { "'\($0)'" }.joined(separator: ", ") + "."
            }
            switch object["content"] {
            case .string?, .array?: continue
            case nil, .null?:
                guard name == "assistant" else { return "Missing required parameter: '\(place).content'." }
            case let other?:
                return wrongType("\(place).content", expected: "one of a string or array of objects", got: other)
            }
        }
        if let problem = MockToolHistoryCheck.openAIProblem(in: list) { return problem }
        if let problem = openAIToolProblem(in: body) { return problem }
        return commonTypeProblem(in: body, wording: wrongType)
    }

    /// `tools` as `[{"type": "function", "function": {"name", "parameters"}}]` and `tool_choice` as
    /// `"auto"`, `"none"`, `"required"` or `{"type": "function", "function": {"name"}}`.
    private static func openAIToolProblem(in body: JSONObject) -> String? {
        if let tools = body["tools"] {
            guard let list = tools.arrayValue else { return wrongType("tools", expected: "an array", got: tools) }
            for (index, tool) in list.enumerated() {
                guard let object = tool.objectValue, object["type"]?.stringValue == "function" else {
                    return "Invalid value for 'tools[\(index)].type': expected 'function'."
                }
                guard let function = object["function"]?.objectValue, function["name"]?.stringValue != nil else {
                    return "Missing required parameter: 'tools[\(index)].function.name'."
                }
                if let parameters = function["parameters"], parameters.objectValue == nil {
                    return wrongType("tools[\(index)].function.parameters", expected: "an object", got: parameters)
                }
            }
        }
        switch body["tool_choice"] {
        case nil, .string("auto")?, .string("none")?, .string("required")?: return nil
        case .object(let choice)? where choice["type"]?.stringValue == "function" && choice["function"]?.objectValue?["name"]?.stringValue != nil:
            return nil
        case let other?: return "Invalid value for 'tool_choice': \(other.serialized())."
        }
    }

    private static func anthropicProblem(in body: JSONObject) -> String? {
        for field in ["model", "max_tokens", "messages"] where body[field] == nil {
            return "\(field): Field required"
        }
        if body["model"]?.stringValue == nil { return "model: Input should be a valid string" }
        if body["max_tokens"]?.intValue == nil { return "max_tokens: Input should be a valid integer" }
        guard let list = body["messages"]?.arrayValue else { return "messages: Input should be a valid list" }
        guard !list.isEmpty else { return "messages: at least one message is required" }
        for (index, message) in list.enumerated() {
            guard let object = message.objectValue else { return "messages.\(index): Input should be a valid dictionary" }
            guard let role = object["role"]?.stringValue, role == "user" || role == "assistant" else {
                return "messages.\(index).role: Input should be 'user' or 'assistant'"
            }
            switch object["content"] {
            case .string?, .array?: continue
            case nil: return "messages.\(index).content: Field required"
            default: return "messages.\(index).content: Input should be a valid string or a list of content blocks"
            }
        }
        if let problem = MockToolHistoryCheck.anthropicProblem(in: list) { return problem }
        if let system = body["system"], system.stringValue == nil, system.arrayValue == nil {
            return "system: Input should be a valid string or a list of text blocks"
        }
        if let tools = body["tools"] {
            guard let list = tools.arrayValue else { return "tools: Input should be a valid list" }
            for (index, tool) in list.enumerated() {
                guard let object = tool.objectValue, object["name"]?.stringValue != nil else { return "tools.\(index).name: Field required" }
                guard object["input_schema"]?.objectValue != nil else { return "tools.\(index).input_schema: Field required" }
            }
        }
        if let choice = body["tool_choice"] {
            guard let type = choice.objectValue?["type"]?.stringValue, ["auto", "any", "tool", "none"].contains(type) else {
                return "tool_choice: Input tag does not match any of the expected tags: 'auto', 'any', 'tool', 'none'"
            }
            if type == "tool", choice.objectValue?["name"]?.stringValue == nil { return "tool_choice.tool.name: Field required" }
        }
        return commonTypeProblem(in: body) { field, expected, _ in "\(field): Input should be \(expected)" }
    }

    /// The optional fields both APIs type-check: `stream` a boolean, `temperature` and `top_p` numbers.
    private static func commonTypeProblem(
        in body: JSONObject, wording: (_ field: String, _ expected: String, _ got: JSONValue) -> String
    ) -> String? {
        if let stream = body["stream"], !stream.isNull, stream.boolValue == nil {
            return wording("stream", "a boolean", stream)
        }
        for field in ["temperature", "top_p"] {
            if let value = body[field], !value.isNull, value.doubleValue == nil {
                return wording(field, "a number", value)
            }
        }
        return nil
    }

    private static func wrongType(_ field: String, expected: String, got value: JSONValue) -> String {
        "Invalid type for '\(field)': expected \(expected), but got \(value.kindDescription) instead."
    }
}
