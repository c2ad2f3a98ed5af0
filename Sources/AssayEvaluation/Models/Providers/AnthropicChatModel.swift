import AssayCore

/// A model behind the Anthropic Messages API.
///
/// System messages go to the top-level `system` field; `max_tokens`, which the API requires,
/// defaults to ``defaultMaxTokens``; `stop` becomes `stop_sequences`; tools are sent with their
/// schema as `input_schema`. A `response_format` of type `json_schema` becomes a tool whose input is
/// that schema, which the model is made to call; its input is the answer's text. `seed` and other
/// response formats have no Anthropic equivalent and are not sent.
public struct AnthropicChatModel: ChatModel {
    /// The default base URL.
    public static let defaultBaseURL = "https://api.anthropic.com"
    /// The API version sent in `anthropic-version`.
    public static let apiVersion = "2023-06-01"
    /// `max_tokens` when neither the entry nor the run sets one.
    public static let defaultMaxTokens = 1024

    /// What the model is, without secrets.
    public let descriptor: ModelDescriptor
    let url: String
    let key: APIKey?
    let transport: HTTPChatTransport

    init(descriptor: ModelDescriptor, key: APIKey?, transport: HTTPChatTransport = .shared) {
        self.descriptor = descriptor
        self.url = OpenAIChatModel.trimmedSlash(descriptor.endpoint ?? Self.defaultBaseURL) + "/v1/messages"
        self.key = key
        self.transport = transport
    }

    /// The JSON body for `request`.
    func body(for request: ModelRequest) -> JSONValue {
        var body = JSONObject()
        body["model"] = .string(descriptor.model ?? "")
        let system = request.messages.filter { $0.role == "system" }.map(\.content)
        if !system.isEmpty { body["system"] = .string(system.joined(separator: "\n\n")) }
        body["messages"] = .array(ToolMessageShapes.anthropic(request.messages))
        let parameters = descriptor.parameters.merging(request.parameters)
        body["max_tokens"] = .int(parameters.maxTokens ?? Self.defaultMaxTokens)
        if let temperature = parameters.temperature { body["temperature"] = .double(temperature) }
        if let topP = parameters.topP { body["top_p"] = .double(topP) }
        if let stop = parameters.stop { body["stop_sequences"] = .array(stop.map(JSONValue.string)) }
        var tools = (parameters.tools ?? []).map { tool -> JSONValue in
            var object: JSONObject = ["name": .string(tool.name)]
            if let description = tool.description { object["description"] = .string(description) }
            object["input_schema"] = tool.schema
            return .object(object)
        }
        if let structured = Self.structuredOutput(parameters) {
            tools.append(["name": .string(structured.name), "description": "Answer with JSON that matches this schema.", "input_schema": structured.schema])
            body["tool_choice"] = ["type": "tool", "name": .string(structured.name)]
        } else {
            switch parameters.toolChoice {
            case .auto?: body["tool_choice"] = ["type": "auto"]
            case .none?: body["tool_choice"] = ["type": "none"]
            case .required?: body["tool_choice"] = ["type": "any"]
            case .named(let name)?: body["tool_choice"] = ["type": "tool", "name": .string(name)]
            case nil: break
            }
        }
        if !tools.isEmpty { body["tools"] = .array(tools) }
        if parameters.stream == true { body["stream"] = true }
        return .object(body)
    }

    /// The tool that carries a `response_format` of type `json_schema`: its name (the format's
    /// `name`, else `answer`) and schema; nil for other formats.
    static func structuredOutput(_ parameters: ModelParameters) -> (name: String, schema: JSONValue)? {
        guard let format = parameters.responseFormat?.objectValue, format["type"]?.stringValue == "json_schema",
              let definition = format["json_schema"]?.objectValue, let schema = definition["schema"] else { return nil }
        return (definition["name"]?.stringValue ?? "answer", schema)
    }

    /// True for an answer read whole (not streamed) from a plain-HTTP endpoint, whose exchange has
    /// the request's timeout as its deadline, connecting included.
    public func endsAtTimeout(_ request: ModelRequest) -> Bool {
        descriptor.parameters.merging(request.parameters).stream != true && transport.endsAtDeadline(url)
    }

    /// Makes one call.
    ///
    /// - Parameter request: The messages and parameters; `timeout` is the deadline.
    /// - Returns: The text blocks of the answer, joined, and the reported usage.
    /// - Throws: ``ModelCallError``.
    public func complete(_ request: ModelRequest) async throws(ModelCallError) -> ModelResponse {
        var headers = [("anthropic-version", Self.apiVersion)]
        if let key { headers.append(("x-api-key", key.secret)) }
        let parameters = descriptor.parameters.merging(request.parameters)
        if parameters.stream == true {
            return try await transport.stream(url: url, headers: headers, body: body(for: request), timeout: request.timeout, key: key,
                                              providerName: "Anthropic", into: AnthropicStreamedAnswer(structuredTool: Self.structuredOutput(parameters)?.name))
        }
        let answer = try await transport.post(url: url, headers: headers, body: body(for: request),
                                              timeout: request.timeout, key: key, providerName: "Anthropic")
        return try Self.parse(answer, structuredTool: Self.structuredOutput(parameters)?.name)
    }

    /// Reads the `text` blocks of `content`, its `tool_use` blocks and `usage.input_tokens`/
    /// `output_tokens`. A call of `structuredTool` (the tool carrying a `json_schema` response
    /// format) is the answer: its input, as JSON text.
    static func parse(_ answer: JSONValue, structuredTool: String? = nil) throws(ModelCallError) -> ModelResponse {
        guard let blocks = answer.objectValue?["content"]?.arrayValue else {
            throw ModelCallError(.malformedResponse, "Anthropic answered without a content list")
        }
        let text = blocks.compactMap { block -> String? in
            guard let object = block.objectValue, object["type"]?.stringValue == "text" else { return nil }
            return object["text"]?.stringValue
        }.joined()
        var calls: [ToolCall] = []
        var structured: String?
        for block in blocks {
            guard let object = block.objectValue, object["type"]?.stringValue == "tool_use", let name = object["name"]?.stringValue else { continue }
            let input = object["input"] ?? .object(JSONObject())
            if name == structuredTool { structured = input.serialized() } else { calls.append(ToolCall(id: object["id"]?.stringValue, name: name, arguments: input)) }
        }
        var usage: TokenUsage?
        if let counts = answer.objectValue?["usage"]?.objectValue,
           let input = counts["input_tokens"]?.intValue, let output = counts["output_tokens"]?.intValue {
            usage = TokenUsage(prompt: input, completion: output)
        }
        return ModelResponse(text: structured ?? text, usage: usage, toolCalls: calls)
    }
}
