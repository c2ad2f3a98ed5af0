import AssayCore
import AssayEvaluation

/// The server-sent events of a streamed answer (`"stream": true`), in OpenAI's or Anthropic's shape.
///
/// OpenAI sends `data: {chunk}` lines whose `choices[0].delta.content` carry the text, a last chunk
/// with `finish_reason`, a usage chunk when `stream_options.include_usage` asks for one, and
/// `data: [DONE]`. Anthropic sends named events: `message_start`, `content_block_start`, one
/// `content_block_delta` per piece, `content_block_stop`, `message_delta` and `message_stop`.
///
/// Tool calls stream as the APIs stream them: OpenAI's `delta.tool_calls` (the id and name first,
/// then the arguments' JSON text in two pieces) and `finish_reason: "tool_calls"`; Anthropic's
/// `tool_use` blocks with `input_json_delta` pieces and `stop_reason: "tool_use"`.
struct MockStream {
    /// The events in order, each a complete `…\n\n` block.
    let events: [String]

    /// The events that stream `text` as the answer to `body`.
    init(route: MockResponder.Route, body: JSONObject, text: String, calls: [ToolCall] = [], index: Int) {
        let model = body["model"] ?? "mock"
        let prompt = MockResponder.promptWords(in: body)
        let completion = MockResponder.words(text) + calls.count
        let pieces = Self.pieces(of: text)
        switch route {
        case .chatCompletions:
            let includesUsage = body["stream_options"]?.objectValue?["include_usage"]?.boolValue ?? false
            func chunk(_ choices: [JSONValue], usage: JSONValue = .null) -> String {
                let object = JSONObject([
                    ("id", .string("chatcmpl-mock-\(index)")), ("object", "chat.completion.chunk"), ("created", 0),
                    ("model", model), ("choices", .array(choices)), ("usage", usage),
                ])
                return "data: \(JSONValue.object(object).serialized())\n\n"
            }
            func choice(_ delta: JSONValue, finish: JSONValue = .null) -> JSONValue {
                ["index": 0, "delta": delta, "finish_reason": finish]
            }
            var events = [chunk([choice(["role": "assistant", "content": ""])])]
            events += pieces.map { chunk([choice(["content": .string($0)])]) }
            for (offset, call) in calls.enumerated() {
                let head: JSONValue = ["index": .int(offset), "id": .string("call_mock_\(index)_\(offset)"), "type": "function",
                                       "function": ["name": .string(call.name), "arguments": ""]]
                events.append(chunk([choice(["tool_calls": [head]])]))
                for part in Self.halves(of: call.arguments.serialized()) {
                    events.append(chunk([choice(["tool_calls": [["index": .int(offset), "function": ["arguments": .string(part)]]]])]))
                }
            }
            events.append(chunk([choice([:], finish: calls.isEmpty ? "stop" : "tool_calls")]))
            if includesUsage {
                let usage: JSONValue = [
                    "prompt_tokens": .int(prompt), "completion_tokens": .int(completion),
                    "total_tokens": .int(prompt + completion),
                ]
                events.append(chunk([], usage: usage))
            }
            events.append("data: [DONE]\n\n")
            self.events = events
        case .messages:
            func event(_ name: String, _ data: JSONValue) -> String {
                "event: \(name)\ndata: \(data.serialized())\n\n"
            }
            let startUsage: JSONValue = ["input_tokens": .int(prompt), "output_tokens": 0]
            let message = JSONValue.object(JSONObject([
                ("id", .string("msg_mock_\(index)")), ("type", "message"), ("role", "assistant"), ("model", model),
                ("content", .array([])), ("stop_reason", .null), ("stop_sequence", .null), ("usage", startUsage),
            ]))
            var events = [event("message_start", ["type": "message_start", "message": message])]
            let hasText = calls.isEmpty || !text.isEmpty
            if hasText {
                events.append(event("content_block_start", [
                    "type": "content_block_start", "index": 0, "content_block": ["type": "text", "text": ""],
                ]))
                events += pieces.map { piece in
                    event("content_block_delta", [
                        "type": "content_block_delta", "index": 0, "delta": ["type": "text_delta", "text": .string(piece)],
                    ])
                }
                events.append(event("content_block_stop", ["type": "content_block_stop", "index": 0]))
            }
            for (offset, call) in calls.enumerated() {
                let block = JSONValue.int(offset + (hasText ? 1 : 0))
                events.append(event("content_block_start", [
                    "type": "content_block_start", "index": block,
                    "content_block": ["type": "tool_use", "id": .string("toolu_mock_\(index)_\(offset)"), "name": .string(call.name), "input": [:]],
                ]))
                for part in Self.halves(of: call.arguments.serialized()) {
                    events.append(event("content_block_delta", [
                        "type": "content_block_delta", "index": block, "delta": ["type": "input_json_delta", "partial_json": .string(part)],
                    ]))
                }
                events.append(event("content_block_stop", ["type": "content_block_stop", "index": block]))
            }
            events.append(event("message_delta", [
                "type": "message_delta", "delta": ["stop_reason": calls.isEmpty ? "end_turn" : "tool_use", "stop_sequence": .null],
                "usage": ["output_tokens": .int(completion)],
            ]))
            events.append(event("message_stop", ["type": "message_stop"]))
            self.events = events
        }
    }

    /// A text in two pieces (one when it is a single character), as a stream splits JSON arguments.
    static func halves(of text: String) -> [String] {
        guard text.count > 1 else { return [text] }
        let middle = text.index(text.startIndex, offsetBy: text.count / 2)
        return [String(text[..<middle]), String(text[middle...])]
    }

    /// The text cut before each run of blanks that follows a word: `"a b  c"` → `["a", " b", "  c"]`.
    static func pieces(of text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var previousWasBlank = false
        for character in text {
            if character.isWhitespace, !previousWasBlank, !current.isEmpty {
                pieces.append(current)
                current = ""
            }
            current.append(character)
            previousWasBlank = character.isWhitespace
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }
}
