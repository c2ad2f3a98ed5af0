import AssayCore
import Foundation

/// A model behind an OpenAI-style chat completions endpoint: OpenAI and compatible servers,
/// Azure OpenAI deployments, and Azure AI model inference.
///
/// All three take the same body and give the same answer; they differ in the URL, in how the key
/// is sent (`Authorization: Bearer` or `api-key`) and in whether the body names the model.
public struct OpenAIChatModel: ChatModel {
    /// How the key goes into the request.
    enum Authentication: Sendable {
        /// `Authorization: Bearer KEY` (OpenAI and compatible servers).
        case bearer
        /// `api-key: KEY` (Azure).
        case apiKeyHeader
    }

    /// What the model is, without secrets.
    public let descriptor: ModelDescriptor
    let url: String
    let authentication: Authentication
    let key: APIKey?
    /// The `model` field of the body; nil for Azure OpenAI, whose URL names the deployment.
    let bodyModel: String?
    let providerName: String
    let transport: HTTPChatTransport

    init(
        descriptor: ModelDescriptor, url: String, authentication: Authentication, key: APIKey?, bodyModel: String?,
        providerName: String, transport: HTTPChatTransport = .shared
    ) {
        self.descriptor = descriptor
        self.url = url
        self.authentication = authentication
        self.key = key
        self.bodyModel = bodyModel
        self.providerName = providerName
        self.transport = transport
    }

    /// The default OpenAI base URL.
    public static let defaultBaseURL = "https://api.openai.com/v1"

    /// The URL of chat completions under an OpenAI-compatible base URL (`…/v1`).
    static func chatCompletionsURL(baseURL: String?) -> String {
        let base = trimmedSlash(baseURL ?? defaultBaseURL)
        return base.hasSuffix("/chat/completions") ? base : base + "/chat/completions"
    }

    /// `{endpoint}/openai/deployments/{deployment}/chat/completions?api-version={api}`.
    static func azureOpenAIURL(endpoint: String, deployment: String, apiVersion: String) -> String {
        "\(trimmedSlash(endpoint))/openai/deployments/\(percentEncoded(deployment))/chat/completions?api-version=\(percentEncoded(apiVersion))"
    }

    /// `{endpoint}/chat/completions`, with `?api-version={api}` when one is configured.
    static func azureAIURL(endpoint: String, apiVersion: String?) -> String {
        let url = chatCompletionsURL(baseURL: endpoint)
        guard let apiVersion else { return url }
        return url + (url.contains("?") ? "&" : "?") + "api-version=" + percentEncoded(apiVersion)
    }

    static func trimmedSlash(_ text: String) -> String {
        var text = text
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }

    static func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(.init(charactersIn: "?&=#/"))) ?? text
    }

    /// The JSON body for `request`: `model` (when named), `messages`, then each non-nil parameter.
    func body(for request: ModelRequest) -> JSONValue {
        var body = JSONObject()
        if let bodyModel { body["model"] = .string(bodyModel) }
        body["messages"] = .array(ToolMessageShapes.openAI(request.messages))
        let parameters = descriptor.parameters.merging(request.parameters)
        if let temperature = parameters.temperature { body["temperature"] = .double(temperature) }
        if let topP = parameters.topP { body["top_p"] = .double(topP) }
        if let maxTokens = parameters.maxTokens { body["max_tokens"] = .int(maxTokens) }
        if let seed = parameters.seed { body["seed"] = .int(seed) }
        if let stop = parameters.stop { body["stop"] = .array(stop.map(JSONValue.string)) }
        if let responseFormat = parameters.responseFormat { body["response_format"] = responseFormat }
        if let tools = parameters.tools, !tools.isEmpty {
            body["tools"] = .array(tools.map { tool in
                var function: JSONObject = ["name": .string(tool.name)]
                if let description = tool.description { function["description"] = .string(description) }
                function["parameters"] = tool.schema
                return ["type": "function", "function": .object(function)]
            })
        }
        switch parameters.toolChoice {
        case .named(let name)?: body["tool_choice"] = ["type": "function", "function": ["name": .string(name)]]
        case let choice?: body["tool_choice"] = choice.json
        case nil: break
        }
        if parameters.stream == true {
            body["stream"] = true
            body["stream_options"] = ["include_usage": true]
        }
        return .object(body)
    }

    /// True for an answer read whole (not streamed) from a plain-HTTP endpoint, whose exchange has
    /// the request's timeout as its deadline, connecting included.
    public func endsAtTimeout(_ request: ModelRequest) -> Bool {
        descriptor.parameters.merging(request.parameters).stream != true && transport.endsAtDeadline(url)
    }

    /// Makes one call.
    ///
    /// - Parameter request: The messages and parameters; `timeout` is the deadline.
    /// - Returns: The first choice's text and the reported usage.
    /// - Throws: ``ModelCallError``.
    public func complete(_ request: ModelRequest) async throws(ModelCallError) -> ModelResponse {
        var headers: [(String, String)] = []
        if let key {
            switch authentication {
            case .bearer: headers.append(("authorization", "Bearer " + key.secret))
            case .apiKeyHeader: headers.append(("api-key", key.secret))
            }
        }
        if descriptor.parameters.merging(request.parameters).stream == true {
            return try await transport.stream(url: url, headers: headers, body: body(for: request), timeout: request.timeout, key: key,
                                              providerName: providerName, into: OpenAIStreamedAnswer(providerName: providerName))
        }
        let answer = try await transport.post(url: url, headers: headers, body: body(for: request),
                                              timeout: request.timeout, key: key, providerName: providerName)
        return try Self.parse(answer, providerName: providerName)
    }

    /// Reads `choices[0].message.content`, its `tool_calls` and `usage` from a chat completion.
    static func parse(_ answer: JSONValue, providerName: String) throws(ModelCallError) -> ModelResponse {
        guard let choice = answer.objectValue?["choices"]?.arrayValue?.first?.objectValue,
              let message = choice["message"]?.objectValue else {
            throw ModelCallError(.malformedResponse, "\(providerName) answered without choices[0].message")
        }
        let text: String
        switch message["content"] {
        case .string(let content)?: text = content
        case .null?, nil: text = message["refusal"]?.stringValue ?? ""
        case .array(let parts)?: text = parts.compactMap { $0.objectValue?["text"]?.stringValue }.joined()
        default: throw ModelCallError(.malformedResponse, "\(providerName) answered a message whose content is not text")
        }
        var usage: TokenUsage?
        if let counts = answer.objectValue?["usage"]?.objectValue,
           let prompt = counts["prompt_tokens"]?.intValue, let completion = counts["completion_tokens"]?.intValue {
            usage = TokenUsage(prompt: prompt, completion: completion)
        }
        let calls = (message["tool_calls"]?.arrayValue ?? []).compactMap { entry -> ToolCall? in
            guard let call = entry.objectValue, let function = call["function"]?.objectValue, let name = function["name"]?.stringValue else { return nil }
            return ToolCall(id: call["id"]?.stringValue, name: name, arguments: ToolCall.arguments(function["arguments"] ?? ""))
        }
        return ModelResponse(text: text, usage: usage, toolCalls: calls)
    }
}
