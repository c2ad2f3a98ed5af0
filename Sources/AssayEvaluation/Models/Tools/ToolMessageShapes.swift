import AssayCore

/// A conversation's messages in each API's shape, tool calls and tool results included.
///
/// OpenAI and Azure: an assistant message that called tools carries `tool_calls`
/// (`{id, type: "function", function: {name, arguments}}`, the arguments as JSON text; `content`
/// null when it has no text), and each result is a `role: "tool"` message with `tool_call_id`.
/// Anthropic: such an assistant message's content is its text block (when it has text) and one
/// `tool_use` block per call (`id`, `name`, `input`), and the results that follow are one user
/// message of `tool_result` blocks (`tool_use_id`, `content`).
enum ToolMessageShapes {
    /// The messages for OpenAI's chat completions.
    static func openAI(_ messages: [ChatMessage]) -> [JSONValue] {
        messages.map { message in
            var object: JSONObject = ["role": .string(message.role), "content": .string(message.content)]
            if !message.toolCalls.isEmpty {
                if message.content.isEmpty { object["content"] = .null }
                object["tool_calls"] = .array(message.toolCalls.map { call in
                    let arguments = call.arguments.stringValue ?? call.arguments.serialized()
                    return ["id": .string(call.id ?? ""), "type": "function",
                            "function": ["name": .string(call.name), "arguments": .string(arguments)]]
                })
            }
            if let id = message.toolCallID { object["tool_call_id"] = .string(id) }
            return .object(object)
        }
    }

    /// The non-system messages for Anthropic's messages API.
    static func anthropic(_ messages: [ChatMessage]) -> [JSONValue] {
        var shaped: [JSONValue] = []
        var results: [JSONValue] = []
        func flushResults() {
            guard !results.isEmpty else { return }
            shaped.append(["role": "user", "content": .array(results)])
            results = []
        }
        for message in messages where message.role != "system" {
            if message.role == "tool" {
                results.append(["type": "tool_result", "tool_use_id": .string(message.toolCallID ?? ""), "content": .string(message.content)])
                continue
            }
            flushResults()
            guard !message.toolCalls.isEmpty else {
                shaped.append(["role": .string(message.role), "content": .string(message.content)])
                continue
            }
            var blocks: [JSONValue] = message.content.isEmpty ? [] : [["type": "text", "text": .string(message.content)]]
            blocks += message.toolCalls.map { call in
                let input = call.arguments.objectValue.map(JSONValue.object) ?? .object(JSONObject())
                return ["type": "tool_use", "id": .string(call.id ?? ""), "name": .string(call.name), "input": input]
            }
            shaped.append(["role": .string(message.role), "content": .array(blocks)])
        }
        flushResults()
        return shaped
    }
}
