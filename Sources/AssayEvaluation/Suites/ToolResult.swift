import AssayCore

/// One result of a tool the previous answer called, given by a turn of a conversation:
/// `{"tool_results": [{"name": "get_weather", "content": "18°C, sunny"}]}`.
///
/// A result answers a call of the previous turn's answer: the call with its `id` when it names one,
/// otherwise the first call not yet answered with its `name`, otherwise the first call not yet
/// answered. Its `content` is text; other JSON is sent as JSON text.
public struct ToolResult: Sendable, Hashable {
    /// The field of a turn that holds its tool results.
    public static let field = "tool_results"

    /// The tool's name, when given.
    public var name: String?
    /// The id of the call it answers, when given.
    public var id: String?
    /// The result's text.
    public var content: String

    /// Creates a result.
    public init(name: String? = nil, id: String? = nil, content: String) {
        self.name = name
        self.id = id
        self.content = content
    }

    /// The results a turn's fields give; nil when it has none.
    ///
    /// - Throws: What is wrong with `tool_results` (not a non-empty list of records with
    ///   `content`, or a `name` or `id` that is not text), in words to follow a turn's location.
    public static func results(in turn: JSONObject) throws(ToolResultError) -> [ToolResult]? {
        guard let value = turn[field] else { return nil }
        guard case .array(let elements) = value, !elements.isEmpty else {
            throw ToolResultError("'\(field)' must be a non-empty list of records such as "
                                  + "{\"name\": \"get_weather\", \"content\": \"18°C, sunny\"}, not \(value.kindDescription)")
        }
        return try elements.enumerated().map { index, element throws(ToolResultError) in
            let place = "\(field)[\(index)]"
            guard let object = element.objectValue else {
                throw ToolResultError("\(place) must be a record with 'content', not \(element.kindDescription)")
            }
            guard let content = object["content"], !content.isNull else { throw ToolResultError("\(place) has no 'content'") }
            for key in ["name", "id"] {
                if let member = object[key], member.stringValue == nil {
                    throw ToolResultError("\(place).\(key) must be text, not \(member.kindDescription)")
                }
            }
            return ToolResult(name: object["name"]?.stringValue, id: object["id"]?.stringValue,
                              content: content.stringValue ?? content.serialized())
        }
    }

    /// The tool messages answering `calls` with `results`, in the results' order.
    ///
    /// - Throws: When a result answers no call of `calls` (none made, no call with its id or name,
    ///   or more results than calls).
    public static func messages(_ results: [ToolResult], answering calls: [ToolCall]) throws(ToolResultError) -> [ChatMessage] {
        var open = Array(calls.indices)
        return try results.enumerated().map { index, result throws(ToolResultError) in
            let place = "\(field)[\(index)]"
            guard !calls.isEmpty else { throw ToolResultError("\(place) answers a tool call, but the previous answer called no tool") }
            let found: Int?
            if let id = result.id {
                found = open.first { calls[$0].id == id }
                if found == nil { throw ToolResultError("\(place) answers call '\(id)', which the previous answer did not make") }
            } else if let name = result.name {
                found = open.first { calls[$0].name == name }
                if found == nil { throw ToolResultError("\(place) answers \(name), which the previous answer did not call (or not that often)") }
            } else {
                found = open.first
                if found == nil { throw ToolResultError("\(place) has no call left to answer: the previous answer made \(calls.count)") }
            }
            let position = found!
            open.removeAll { $0 == position }
            return .toolResult(result.content, callID: calls[position].id ?? "")
        }
    }
}

/// What is wrong with a turn's tool results.
public struct ToolResultError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, in words to follow a turn's location.
    public let description: String

    /// Creates an error with its description.
    public init(_ description: String) {
        self.description = description
    }
}
