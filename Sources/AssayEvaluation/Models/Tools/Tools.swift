import AssayCore

/// A tool a run offers the model: a name, what it does, and its parameters as a JSON Schema.
///
/// Written in a run as `tools: [{name: "get_weather", description: "…", parameters: {type:
/// "object", …}}]`; each provider receives it in its API's shape (OpenAI's `function` tools,
/// Anthropic's `input_schema`).
public struct ToolDefinition: Sendable, Hashable {
    /// The function's name.
    public var name: String
    /// What the tool does, for the model.
    public var description: String?
    /// The arguments' JSON Schema; an empty object schema when nil.
    public var parameters: JSONValue?

    /// Creates a definition.
    public init(name: String, description: String? = nil, parameters: JSONValue? = nil) {
        self.name = name
        self.description = description
        self.parameters = parameters
    }

    /// `{"name", "description", "parameters"}`, members set only.
    public var json: JSONValue {
        var object: JSONObject = ["name": .string(name)]
        if let description { object["description"] = .string(description) }
        if let parameters { object["parameters"] = parameters }
        return .object(object)
    }

    /// The parameters' schema, or `{"type": "object"}` when none was given (both APIs need one).
    var schema: JSONValue {
        parameters ?? ["type": "object", "properties": .object(JSONObject())]
    }

    /// Reads `{"name", "description", "parameters"}`.
    ///
    /// - Throws: ``ToolError`` saying what is missing or of the wrong type.
    public init(json: JSONValue) throws(ToolError) {
        guard let object = json.objectValue else { throw ToolError("a tool must be a record {name, description, parameters}, not \(json.kindDescription)") }
        guard let name = object["name"]?.stringValue, !name.isEmpty else { throw ToolError("a tool needs a name: {name: \"get_weather\", …}") }
        for key in object.keys where !["name", "description", "parameters"].contains(key) {
            let suggestion = Suggestion.didYouMean(key, among: ["name", "description", "parameters"]).map { " \($0)" } ?? ""
            throw ToolError("the tool '\(name)' has no field '\(key)'\(suggestion)")
        }
        if let parameters = object["parameters"], parameters.objectValue == nil {
            throw ToolError("the parameters of the tool '\(name)' must be a JSON Schema object, not \(parameters.kindDescription)")
        }
        self.init(name: name, description: object["description"]?.stringValue, parameters: object["parameters"])
    }
}

/// Whether and which tool the model must call: `"auto"`, `"none"`, `"required"` (some tool), or a
/// tool's name.
public enum ToolChoice: Sendable, Hashable {
    case auto
    case none
    case required
    case named(String)

    /// `"auto"`, `"none"`, `"required"`, or `{"name": "…"}`.
    public var json: JSONValue {
        switch self {
        case .auto: "auto"
        case .none: "none"
        case .required: "required"
        case .named(let name): ["name": .string(name)]
        }
    }

    /// Reads `"auto"`, `"none"`, `"required"` (`"any"` too), `{"name": …}`, or a tool's name.
    public init(json: JSONValue) throws(ToolError) {
        switch json {
        case .string("auto"): self = .auto
        case .string("none"): self = .none
        case .string("required"), .string("any"): self = .required
        case .string(let name) where !name.isEmpty: self = .named(name)
        case .object(let object):
            guard let name = object["name"]?.stringValue else { throw ToolError("tool_choice {…} needs the tool's name: {name: \"get_weather\"}") }
            self = .named(name)
        default:
            throw ToolError("tool_choice must be \"auto\", \"none\", \"required\" or a tool's name, not \(json.serialized())")
        }
    }
}

/// A call the model asked for: the tool's name and its arguments as JSON.
public struct ToolCall: Sendable, Hashable {
    /// The provider's id of the call, when it gives one.
    public var id: String?
    /// The tool's name.
    public var name: String
    /// The arguments: a JSON object, or the raw text when the model wrote arguments that are not JSON.
    public var arguments: JSONValue

    /// Creates a call.
    public init(id: String? = nil, name: String, arguments: JSONValue) {
        self.id = id
        self.name = name
        self.arguments = arguments
    }

    /// `{"name", "arguments"}`, with `"id"` when there is one.
    public var json: JSONValue {
        var object: JSONObject = ["name": .string(name), "arguments": arguments]
        if let id { object["id"] = .string(id) }
        return .object(object)
    }

    /// Reads `{"name", "arguments"}` (arguments as JSON, or as text holding JSON as OpenAI sends
    /// them); nil when there is no name.
    public init?(json: JSONValue) {
        guard let object = json.objectValue, let name = object["name"]?.stringValue else { return nil }
        self.init(id: object["id"]?.stringValue, name: name, arguments: Self.arguments(object["arguments"] ?? .object(JSONObject())))
    }

    /// Arguments as JSON: text holding JSON is parsed, other text kept as it is.
    static func arguments(_ value: JSONValue) -> JSONValue {
        guard case .string(let text) = value else { return value }
        if text.trimmingWhitespace().isEmpty { return .object(JSONObject()) }
        return (try? JSONValue.parse(text)) ?? value
    }

    /// A list of calls as stored.
    public static func json(_ calls: [ToolCall]) -> JSONValue {
        .array(calls.map(\.json))
    }

    /// Reads a stored list of calls (entries without a name are skipped).
    public static func calls(from value: JSONValue?) -> [ToolCall] {
        value?.arrayValue?.compactMap(ToolCall.init(json:)) ?? []
    }
}

/// A tool definition, tool choice or list of calls that cannot be used.
public struct ToolError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong and how to write it.
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
