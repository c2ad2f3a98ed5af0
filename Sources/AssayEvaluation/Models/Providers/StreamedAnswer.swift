import AssayCore

/// Builds an answer from a provider's stream of events.
protocol StreamedAnswer: Sendable {
    /// Takes one event; returns whether it carried output (text or part of a tool call).
    ///
    /// - Throws: ``ModelCallError`` when the stream reports an error.
    mutating func take(_ event: ServerSentEvents.Event) throws(ModelCallError) -> Bool
    /// Whether the stream reached its end marker, so that the answer is whole.
    var isComplete: Bool { get }
    /// The answer so far.
    func response(timing: StreamTiming) -> ModelResponse
    /// Pieces of output taken so far.
    var pieces: Int { get }
}

/// OpenAI's chunks: `choices[0].delta.content` and `delta.tool_calls` pieces, `finish_reason`, a
/// `usage` chunk, and `data: [DONE]`.
struct OpenAIStreamedAnswer: StreamedAnswer {
    let providerName: String
    private var text = ""
    private var calls: [Int: (id: String?, name: String, arguments: String)] = [:]
    private var usage: TokenUsage?
    private var finished = false
    private(set) var pieces = 0

    init(providerName: String) {
        self.providerName = providerName
    }

    var isComplete: Bool { finished }

    mutating func take(_ event: ServerSentEvents.Event) throws(ModelCallError) -> Bool {
        if event.data == "[DONE]" {
            finished = true
            return false
        }
        guard let chunk = try? JSONValue.parse(event.data), let object = chunk.objectValue else {
            throw ModelCallError(.malformedResponse, "\(providerName) streamed an event that is not JSON: \(event.data.prefix(100))")
        }
        if let message = object["error"]?.objectValue?["message"]?.stringValue {
            throw ModelCallError(.server(status: 500), "\(providerName) reported an error in the middle of the stream: \(message)")
        }
        if let counts = object["usage"]?.objectValue, let prompt = counts["prompt_tokens"]?.intValue, let completion = counts["completion_tokens"]?.intValue {
            usage = TokenUsage(prompt: prompt, completion: completion)
        }
        guard let choice = object["choices"]?.arrayValue?.first?.objectValue else { return false }
        if let reason = choice["finish_reason"], !reason.isNull { finished = true }
        var output = false
        let delta = choice["delta"]?.objectValue
        if let content = delta?["content"]?.stringValue, !content.isEmpty {
            text += content
            output = true
        }
        for entry in delta?["tool_calls"]?.arrayValue ?? [] {
            guard let call = entry.objectValue else { continue }
            let index = call["index"]?.intValue ?? calls.count
            let function = call["function"]?.objectValue
            var current = calls[index] ?? (id: nil, name: "", arguments: "")
            if let id = call["id"]?.stringValue { current.id = id }
            if let name = function?["name"]?.stringValue { current.name += name }
            if let arguments = function?["arguments"]?.stringValue { current.arguments += arguments }
            calls[index] = current
            output = true
        }
        if output { pieces += 1 }
        return output
    }

    func response(timing: StreamTiming) -> ModelResponse {
        let toolCalls = calls.keys.sorted().compactMap { index -> ToolCall? in
            guard let call = calls[index], !call.name.isEmpty else { return nil }
            return ToolCall(id: call.id, name: call.name, arguments: ToolCall.arguments(.string(call.arguments)))
        }
        return ModelResponse(text: text, usage: usage, toolCalls: toolCalls, streamTiming: timing)
    }
}

/// Anthropic's events: `message_start` (input tokens), `content_block_start` (a text or
/// `tool_use` block), `content_block_delta` (`text_delta`, `input_json_delta`), `message_delta`
/// (output tokens) and `message_stop`.
struct AnthropicStreamedAnswer: StreamedAnswer {
    /// The tool carrying a `json_schema` response format, whose input is the answer's text.
    let structuredTool: String?
    private var text = ""
    private var blocks: [Int: (id: String?, name: String, json: String)] = [:]
    private var inputTokens: Int?
    private var outputTokens: Int?
    private var finished = false
    private(set) var pieces = 0

    init(structuredTool: String?) {
        self.structuredTool = structuredTool
    }

    var isComplete: Bool { finished }

    mutating func take(_ event: ServerSentEvents.Event) throws(ModelCallError) -> Bool {
        guard let object = (try? JSONValue.parse(event.data))?.objectValue else {
            throw ModelCallError(.malformedResponse, "Anthropic streamed an event that is not JSON: \(event.data.prefix(100))")
        }
        switch object["type"]?.stringValue ?? event.name {
        case "message_start":
            inputTokens = object["message"]?.objectValue?["usage"]?.objectValue?["input_tokens"]?.intValue
        case "content_block_start":
            if let block = object["content_block"]?.objectValue, block["type"]?.stringValue == "tool_use" {
                blocks[object["index"]?.intValue ?? blocks.count] = (block["id"]?.stringValue, block["name"]?.stringValue ?? "", "")
            }
        case "content_block_delta":
            let delta = object["delta"]?.objectValue
            if let piece = delta?["text"]?.stringValue {
                text += piece
            } else if let json = delta?["partial_json"]?.stringValue, let index = object["index"]?.intValue, blocks[index] != nil {
                blocks[index]?.json += json
            } else {
                return false
            }
            pieces += 1
            return true
        case "message_delta":
            if let output = object["usage"]?.objectValue?["output_tokens"]?.intValue { outputTokens = output }
        case "message_stop":
            finished = true
        case "error":
            let message = object["error"]?.objectValue?["message"]?.stringValue ?? event.data
            throw ModelCallError(.server(status: 500), "Anthropic reported an error in the middle of the stream: \(message)")
        default:
            break
        }
        return false
    }

    func response(timing: StreamTiming) -> ModelResponse {
        var answer = text
        var calls: [ToolCall] = []
        for index in blocks.keys.sorted() {
            guard let block = blocks[index] else { continue }
            let input = ToolCall.arguments(.string(block.json))
            if block.name == structuredTool { answer = input.serialized() } else { calls.append(ToolCall(id: block.id, name: block.name, arguments: input)) }
        }
        let usage = inputTokens.map { TokenUsage(prompt: $0, completion: outputTokens ?? 0) }
        return ModelResponse(text: answer, usage: usage, toolCalls: calls, streamTiming: timing)
    }
}
