import AssayCore
import AssayEvaluation

/// Builds the answers of the mock server: chat completions in OpenAI's and Anthropic's shapes.
struct MockResponder {
    /// The API a request path belongs to.
    enum Route {
        /// `…/chat/completions` (OpenAI, compatible servers, Azure).
        case chatCompletions
        /// `…/messages` (Anthropic).
        case messages
    }

    let core: MockServerCore

    /// The route of a request path, or nil for a path the server does not serve.
    static func route(path: String) -> Route? {
        if path.hasSuffix("/chat/completions") { return .chatCompletions }
        if path.hasSuffix("/messages") { return .messages }
        return nil
    }

    /// The text of the last user message of a request body (strings or lists of text parts).
    static func lastUserMessage(in body: JSONObject) -> String {
        userMessages(in: body).last ?? ""
    }

    /// The texts of a request body's user turns, in order: each user message's, and for tool
    /// results (a run of OpenAI's `tool` messages, or Anthropic's user message of `tool_result`
    /// blocks) the results' contents, one per line.
    static func userMessages(in body: JSONObject) -> [String] {
        var texts: [String] = []
        var results: [String]?
        for message in body["messages"]?.arrayValue ?? [] {
            let object = message.objectValue ?? JSONObject()
            let role = object["role"]?.stringValue
            if role == "tool" {
                results = (results ?? []) + [text(of: object["content"])]
                continue
            }
            if let done = results { texts.append(done.joined(separator: "\n")) }
            results = nil
            guard role == "user" else { continue }
            let parts = object["content"]?.arrayValue ?? []
            let toolResults = parts.filter { $0.objectValue?["type"]?.stringValue == "tool_result" }
            texts.append(toolResults.isEmpty
                ? text(of: object["content"])
                : toolResults.map { text(of: $0.objectValue?["content"]) }.joined(separator: "\n"))
        }
        if let done = results { texts.append(done.joined(separator: "\n")) }
        return texts
    }

    /// The text of a message's or a tool result's content: a string, or its text parts joined.
    private static func text(of content: JSONValue?) -> String {
        switch content {
        case .string(let text)?: text
        case .array(let parts)?: parts.compactMap { $0.objectValue?["text"]?.stringValue }.joined()
        default: ""
        }
    }

    /// The answer the configured policy gives to `body`.
    func answer(to body: JSONObject) -> String {
        let question = Self.lastUserMessage(in: body)
        switch core.configuration.policy {
        case .echo: return question
        case .fixed(let answers): return core.nextFixedAnswer(answers)
        case .oracle: return core.oracle.answer(userMessages: Self.userMessages(in: body))
        }
    }

    /// Words in every message's text, a stand-in for prompt tokens.
    static func promptWords(in body: JSONObject) -> Int {
        var texts = (body["messages"]?.arrayValue ?? []).compactMap { $0.objectValue?["content"]?.stringValue }
        if let system = body["system"]?.stringValue { texts.append(system) }
        return texts.reduce(0) { $0 + words($1) }
    }

    static func words(_ text: String) -> Int {
        text.split(whereSeparator: \.isWhitespace).count
    }

    /// The tool calls the configured policy answers `body` with: the oracle's case's expected calls
    /// when the request offers tools; none otherwise.
    func calls(for body: JSONObject) -> [ToolCall] {
        guard case .oracle = core.configuration.policy, !(body["tools"]?.arrayValue ?? []).isEmpty else { return [] }
        return core.oracle.calls(userMessages: Self.userMessages(in: body))
    }

    /// A successful answer in the route's shape.
    func success(route: Route, body: JSONObject, index: Int) -> JSONValue {
        let text = answer(to: body)
        let calls = calls(for: body)
        let model = body["model"] ?? "mock"
        let prompt = Self.promptWords(in: body)
        let completion = Self.words(text) + calls.count
        switch route {
        case .chatCompletions:
            var message: JSONObject = ["role": "assistant", "content": calls.isEmpty || !text.isEmpty ? .string(text) : .null]
            if !calls.isEmpty {
                message["tool_calls"] = .array(calls.enumerated().map { offset, call in
                    ["id": .string("call_mock_\(index)_\(offset)"), "type": "function",
                     "function": ["name": .string(call.name), "arguments": .string(call.arguments.serialized())]]
                })
            }
            let choice: JSONValue = ["index": 0, "message": .object(message), "finish_reason": calls.isEmpty ? "stop" : "tool_calls"]
            let usage: JSONValue = [
                "prompt_tokens": .int(prompt), "completion_tokens": .int(completion), "total_tokens": .int(prompt + completion),
            ]
            return .object(JSONObject([
                ("id", .string("chatcmpl-mock-\(index)")), ("object", "chat.completion"), ("created", 0),
                ("model", model), ("choices", .array([choice])), ("usage", usage),
            ]))
        case .messages:
            var blocks: [JSONValue] = calls.isEmpty || !text.isEmpty ? [["type": "text", "text": .string(text)]] : []
            blocks += calls.enumerated().map { offset, call in
                ["type": "tool_use", "id": .string("toolu_mock_\(index)_\(offset)"), "name": .string(call.name), "input": call.arguments]
            }
            let usage: JSONValue = ["input_tokens": .int(prompt), "output_tokens": .int(completion)]
            return .object(JSONObject([
                ("id", .string("msg_mock_\(index)")), ("type", "message"), ("role", "assistant"), ("model", model),
                ("content", .array(blocks)), ("stop_reason", calls.isEmpty ? "end_turn" : "tool_use"), ("usage", usage),
            ]))
        }
    }

    /// The answer to `GET …/models` (a list holding the model `mock`) or `GET …/models/ID` (that
    /// model: the server answers any name); nil for other paths.
    static func models(path: String) -> JSONValue? {
        func model(_ id: String) -> JSONValue {
            ["id": .string(id), "object": "model", "created": 0, "owned_by": "assay-mock-server"]
        }
        if path.hasSuffix("/models") { return ["object": "list", "data": [model("mock")]] }
        guard let range = path.range(of: "/models/"), !path[range.upperBound...].isEmpty else { return nil }
        return model(String(path[range.upperBound...]))
    }

    /// An error body in the shape both OpenAI and Anthropic use.
    static func error(_ message: String, type: String) -> JSONValue {
        ["type": "error", "error": ["message": .string(message), "type": .string(type)]]
    }

    /// The key a request carries, from `Authorization: Bearer`, `api-key` or `x-api-key`.
    static func presentedKey(_ headers: [MockServerStats.Header]) -> String? {
        for header in headers {
            switch header.name.lowercased() {
            case "authorization" where header.value.hasPrefix("Bearer "): return String(header.value.dropFirst(7))
            case "api-key", "x-api-key": return header.value
            default: continue
            }
        }
        return nil
    }
}
