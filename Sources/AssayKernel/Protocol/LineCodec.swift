import AssayCore
import Foundation

/// Turns messages into single JSON lines and back, for the stdio transport.
///
/// Each line is `{"channel", "header", "parent_header", "metadata", "content"}`; nothing is signed.
package enum LineCodec {
    /// The line of a message, ending in a newline.
    package static func encode(_ message: KernelMessage) -> Data {
        let object: JSONValue = [
            "channel": .string(message.channel.rawValue),
            "header": message.header.json,
            "parent_header": .object(message.parentHeader),
            "metadata": .object(message.metadata),
            "content": .object(message.content),
        ]
        var line = object.wireBytes
        line.append(UInt8(ascii: "\n"))
        return line
    }

    /// The message on one line (without its newline).
    ///
    /// - Throws: ``WireError`` when the line is not a JSON object, names no known channel, or has
    ///   no valid header.
    package static func decode(_ line: Data) throws(WireError) -> KernelMessage {
        guard let value = try? JSONValue(parsing: line), let object = value.objectValue else { throw .malformedJSON(part: "line") }
        let channelName = object["channel"]?.stringValue ?? ""
        guard let channel = Channel(rawValue: channelName) else { throw .unknownChannel(channelName) }
        guard let headerJSON = object["header"], let header = MessageHeader(headerJSON) else { throw .invalidHeader }
        func part(_ name: String) throws(WireError) -> JSONObject {
            guard let value = object[name] else { return [:] }
            if value == .null { return [:] }
            guard let members = value.objectValue else { throw .malformedJSON(part: name) }
            return members
        }
        return KernelMessage(
            channel: channel, header: header, parentHeader: try part("parent_header"),
            metadata: try part("metadata"), content: try part("content")
        )
    }
}
