import AssayCore
import Foundation

/// The header of a Jupyter message: who sent it, when, and what type it is.
///
/// The fields are kept as received, so a request's header goes back verbatim as the
/// `parent_header` of everything it causes, extra fields from newer clients included.
package struct MessageHeader: Sendable, Hashable {
    /// The protocol version this kernel speaks.
    package static let protocolVersion = "5.4"

    /// Every field of the header.
    package private(set) var fields: JSONObject

    /// A new header for a message this kernel sends.
    package init(msgType: String, session: String, username: String = "kernel", msgID: String = UUID().uuidString.lowercased(), date: Date = Date()) {
        fields = [
            "msg_id": .string(msgID),
            "session": .string(session),
            "username": .string(username),
            "date": .string(MessageTimestamp.string(for: date)),
            "msg_type": .string(msgType),
            "version": .string(Self.protocolVersion),
        ]
    }

    /// Reads a received header; nil unless it is an object with string `msg_id` and `msg_type`.
    package init?(_ json: JSONValue) {
        guard let fields = json.objectValue, fields["msg_id"]?.stringValue != nil, fields["msg_type"]?.stringValue != nil else {
            return nil
        }
        self.fields = fields
    }

    /// The message's unique id.
    package var msgID: String { fields["msg_id"]?.stringValue ?? "" }
    /// The message type, e.g. `execute_request`.
    package var msgType: String { fields["msg_type"]?.stringValue ?? "" }
    /// The sender's session id.
    package var session: String { fields["session"]?.stringValue ?? "" }
    /// The sender's user name.
    package var username: String { fields["username"]?.stringValue ?? "" }
    /// When the message was created.
    package var date: String { fields["date"]?.stringValue ?? "" }
    /// The protocol version of the sender.
    package var version: String { fields["version"]?.stringValue ?? "" }

    /// The header as a JSON object.
    package var json: JSONValue { .object(fields) }
}
