/// One message of a chat request: a role and its text, and in a conversation with tools, the calls
/// an assistant message made or the call a tool message answers.
///
/// The roles are `system`, `user`, `assistant` and `tool`: a `tool` message is a tool's result,
/// its `content` the result's text and ``toolCallID`` the call it answers. Each provider writes
/// them in its API's shape (OpenAI's `tool_calls` and `role: "tool"` messages, Anthropic's
/// `tool_use` and `tool_result` blocks).
public struct ChatMessage: Sendable, Hashable {
    /// `system`, `user`, `assistant` or `tool`.
    public var role: String
    /// The message text (a tool message's result).
    public var content: String
    /// The tools an assistant message called, each with an id its results name.
    public var toolCalls: [ToolCall]
    /// The id of the call a `tool` message answers.
    public var toolCallID: String?

    /// Creates a message.
    ///
    /// - Parameters:
    ///   - role: `system`, `user`, `assistant` or `tool`.
    ///   - content: The message text.
    ///   - toolCalls: The tools an assistant message called.
    ///   - toolCallID: The id of the call a `tool` message answers.
    public init(role: String, content: String, toolCalls: [ToolCall] = [], toolCallID: String? = nil) {
        self.role = role
        self.content = content
        self.toolCalls = toolCalls
        self.toolCallID = toolCallID
    }

    /// A tool's result answering the call `id`.
    public static func toolResult(_ content: String, callID: String) -> ChatMessage {
        ChatMessage(role: "tool", content: content, toolCallID: callID)
    }
}
