import AssayCore
import Foundation

/// One Jupyter message, independent of how it travels.
package struct KernelMessage: Sendable {
    /// The channel it came in on or goes out on.
    package var channel: Channel
    /// ZeroMQ routing identities: copied verbatim from a request to its replies.
    package var identities: [Data]
    /// The message's own header.
    package var header: MessageHeader
    /// The header of the request that caused it, or an empty object.
    package var parentHeader: JSONObject
    /// Free-form metadata.
    package var metadata: JSONObject
    /// The type-specific content.
    package var content: JSONObject
    /// Extra binary buffers (unused by this kernel's handlers, kept for completeness).
    package var buffers: [Data]

    /// Creates a message.
    package init(
        channel: Channel, identities: [Data] = [], header: MessageHeader, parentHeader: JSONObject = [:],
        metadata: JSONObject = [:], content: JSONObject = [:], buffers: [Data] = []
    ) {
        self.channel = channel
        self.identities = identities
        self.header = header
        self.parentHeader = parentHeader
        self.metadata = metadata
        self.content = content
        self.buffers = buffers
    }

    /// The message type, from the header.
    package var msgType: String { header.msgType }

    /// The `msg_id` of the parent request, or nil.
    package var parentID: String? { parentHeader["msg_id"]?.stringValue }
}
