import AssayCore

/// A model behind the Anthropic Messages API.
///
/// System messages go to the top-level `system` field; `max_tokens`, which the API requires,
/// defaults to ``defaultMaxTokens``; `stop` becomes `stop_sequences`. `seed` and
/// `response_format` have no Anthropic equivalent and are not sent.
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
        body["messages"] = .array(request.messages.filter { $0.role != "system" }.map {
            ["role": .string($0.role), "content": .string($0.content)]
        })
        let parameters = descriptor.parameters.merging(request.parameters)
        body["max_tokens"] = .int(parameters.maxTokens ?? Self.defaultMaxTokens)
        if let temperature = parameters.temperature { body["temperature"] = .double(temperature) }
        if let topP = parameters.topP { body["top_p"] = .double(topP) }
        if let stop = parameters.stop { body["stop_sequences"] = .array(stop.map(JSONValue.string)) }
        return .object(body)
    }

    /// Makes one call.
    ///
    /// - Parameter request: The messages and parameters; `timeout` is the deadline.
    /// - Returns: The text blocks of the answer, joined, and the reported usage.
    /// - Throws: ``ModelCallError``.
    public func complete(_ request: ModelRequest) async throws(ModelCallError) -> ModelResponse {
        var headers = [("anthropic-version", Self.apiVersion)]
        if let key { headers.append(("x-api-key", key.secret)) }
        let answer = try await transport.post(url: url, headers: headers, body: body(for: request),
                                              timeout: request.timeout, key: key, providerName: "Anthropic")
        return try Self.parse(answer)
    }

    /// Reads the `text` blocks of `content` and `usage.input_tokens`/`output_tokens`.
    static func parse(_ answer: JSONValue) throws(ModelCallError) -> ModelResponse {
        guard let blocks = answer.objectValue?["content"]?.arrayValue else {
            throw ModelCallError(.malformedResponse, "Anthropic answered without a content list")
        }
        let text = blocks.compactMap { block -> String? in
            guard let object = block.objectValue, object["type"]?.stringValue == "text" else { return nil }
            return object["text"]?.stringValue
        }.joined()
        var usage: TokenUsage?
        if let counts = answer.objectValue?["usage"]?.objectValue,
           let input = counts["input_tokens"]?.intValue, let output = counts["output_tokens"]?.intValue {
            usage = TokenUsage(prompt: input, completion: output)
        }
        return ModelResponse(text: text, usage: usage)
    }
}
