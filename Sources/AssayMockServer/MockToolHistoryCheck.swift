import AssayCore

/// What the real APIs refuse with 400 in a conversation that carries tool calls and their results.
///
/// OpenAI and Azure: an assistant message's `tool_calls` are `{id, type: "function", function:
/// {name, arguments}}` with the arguments as JSON text; each is answered by a following
/// `role: "tool"` message naming it in `tool_call_id`, before any other message, and a `tool`
/// message answers a call of the assistant message before it. Anthropic: an assistant message's
/// `tool_use` blocks (`id`, `name`, `input` an object) are answered by `tool_result` blocks
/// (`tool_use_id`) in the next message, a user message, and a `tool_result` answers a `tool_use`
/// of the message before it. The messages are the APIs' own words.
enum MockToolHistoryCheck {
    /// Why OpenAI would refuse `messages`, or nil.
    static func openAIProblem(in messages: [JSONValue]) -> String? {
        var open: (index: Int, ids: [String])?
        var answerable: Set<String> = []
        for (index, message) in messages.enumerated() {
            guard let object = message.objectValue, let role = object["role"]?.stringValue else { continue }
            let place = "messages[\(index)]"
            if role == "tool" {
                guard let id = object["tool_call_id"]?.stringValue else {
                    return "Missing required parameter: '\(place).tool_call_id'."
                }
                guard open != nil || !answerable.isEmpty else {
                    return "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'."
                }
                guard answerable.contains(id) else {
                    return "Invalid parameter: 'tool_call_id' of '\(id)' not found in 'tool_calls' of previous message."
                }
                open?.ids.removeAll { $0 == id }
                continue
            }
            if let pending = open, !pending.ids.isEmpty { return unanswered(pending.ids) }
            open = nil
            answerable = []
            guard role == "assistant", let calls = object["tool_calls"] else { continue }
            guard let list = calls.arrayValue else {
                return "Invalid type for '\(place).tool_calls': expected an array of objects, but got \(calls.kindDescription) instead."
            }
            var ids: [String] = []
            for (position, call) in list.enumerated() {
                let callPlace = "\(place).tool_calls[\(position)]"
                guard let id = call.objectValue?["id"]?.stringValue else { return "Missing required parameter: '\(callPlace).id'." }
                guard call.objectValue?["type"]?.stringValue == "function" else {
                    return "Missing required parameter: '\(callPlace).type'."
                }
                let function = call.objectValue?["function"]?.objectValue
                guard function?["name"]?.stringValue != nil else { return "Missing required parameter: '\(callPlace).function.name'." }
                guard let arguments = function?["arguments"] else {
                    return "Missing required parameter: '\(callPlace).function.arguments'."
                }
                guard arguments.stringValue != nil else {
                    return "Invalid type for '\(callPlace).function.arguments': expected a string, but got \(arguments.kindDescription) instead."
                }
                ids.append(id)
            }
            open = (index, ids)
            answerable = Set(ids)
        }
        if let pending = open, !pending.ids.isEmpty, pending.index != messages.count - 1 { return unanswered(pending.ids) }
        return nil
    }

    private static func unanswered(_ ids: [String]) -> String {
        "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. "
            + "The following tool_call_ids did not have response messages: " + ids.joined(separator: ", ")
    }

    /// Why Anthropic would refuse `messages`, or nil.
    static func anthropicProblem(in messages: [JSONValue]) -> String? {
        var previousUses: [String] = []
        for (index, message) in messages.enumerated() {
            guard let object = message.objectValue, let role = object["role"]?.stringValue else { continue }
            let blocks = (object["content"]?.arrayValue ?? []).map { $0.objectValue ?? JSONObject() }
            var uses: [String] = []
            var results: [String] = []
            for (position, block) in blocks.enumerated() {
                let place = "messages.\(index).content.\(position)"
                switch block["type"]?.stringValue {
                case "tool_use":
                    guard role == "assistant" else { return "\(place): tool_use blocks may only appear in assistant messages" }
                    guard let id = block["id"]?.stringValue else { return "\(place).tool_use.id: Field required" }
                    guard block["name"]?.stringValue != nil else { return "\(place).tool_use.name: Field required" }
                    guard block["input"]?.objectValue != nil else { return "\(place).tool_use.input: Input should be a valid dictionary" }
                    uses.append(id)
                case "tool_result":
                    guard let id = block["tool_use_id"]?.stringValue else { return "\(place).tool_result.tool_use_id: Field required" }
                    guard role == "user", previousUses.contains(id) else {
                        return "\(place): unexpected `tool_use_id` found in `tool_result` blocks: \(id). "
                            + "Each `tool_result` block must have a corresponding `tool_use` block in the previous message."
                    }
                    results.append(id)
                default: continue
                }
            }
            if index > 0 {
                let missing = previousUses.filter { !results.contains($0) }
                if !missing.isEmpty {
                    return "messages.\(index - 1): `tool_use` ids were found without `tool_result` blocks immediately after: "
                        + missing.joined(separator: ", ")
                        + ". Each `tool_use` block must have a corresponding `tool_result` block in the next message."
                }
            }
            previousUses = uses
        }
        return nil
    }
}
