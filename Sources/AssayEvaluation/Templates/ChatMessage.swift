/// One message of a chat request: a role and its text.
public struct ChatMessage: Sendable, Hashable, Codable {
    /// `system`, `user` or `assistant`.
    public var role: String
    /// The message text.
    public var content: String

    /// Creates a message.
    ///
    /// - Parameters:
    ///   - role: `system`, `user` or `assistant`.
    ///   - content: The message text.
    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }
}
