import AssayCore
import Foundation

/// Turns messages into ZeroMQ multipart frames and back, signing and verifying on the way.
///
/// The frames are `identities…, "<IDS|MSG>", signature, header, parent_header, metadata, content,
/// buffers…`. Verification runs over the raw bytes received, before any parsing.
package struct WireCodec: Sendable {
    /// The frame separating routing identities from the message.
    package static let delimiter = Data("<IDS|MSG>".utf8)

    /// The signer for both directions.
    package let signer: MessageSigner

    /// Creates a codec.
    package init(signer: MessageSigner) {
        self.signer = signer
    }

    /// The frames of a message, signed.
    package func encode(_ message: KernelMessage) -> [Data] {
        let parts = [
            message.header.json.wireBytes,
            JSONValue.object(message.parentHeader).wireBytes,
            JSONValue.object(message.metadata).wireBytes,
            JSONValue.object(message.content).wireBytes,
        ]
        return message.identities + [Self.delimiter, Data(signer.signature(of: parts).utf8)] + parts + message.buffers
    }

    /// The message in received frames.
    ///
    /// - Throws: ``WireError`` when the delimiter or frames are missing, the signature does not
    ///   match, or a part is not a JSON object.
    package func decode(_ frames: [Data], channel: Channel) throws(WireError) -> KernelMessage {
        guard let delimiterIndex = frames.firstIndex(of: Self.delimiter) else { throw .missingDelimiter }
        let identities = Array(frames[..<delimiterIndex])
        let rest = Array(frames[(delimiterIndex + 1)...])
        guard rest.count >= 5 else { throw .truncated(frameCount: rest.count) }
        let parts = Array(rest[1...4])
        guard signer.isValid(signature: rest[0], of: parts) else { throw .badSignature }
        let names = ["header", "parent_header", "metadata", "content"]
        var objects: [JSONObject] = []
        for (name, part) in zip(names, parts) {
            guard let value = try? JSONValue(parsing: part), let object = value.objectValue else { throw .malformedJSON(part: name) }
            objects.append(object)
        }
        guard let header = MessageHeader(.object(objects[0])) else { throw .invalidHeader }
        return KernelMessage(
            channel: channel, identities: identities, header: header, parentHeader: objects[1],
            metadata: objects[2], content: objects[3], buffers: Array(rest[5...])
        )
    }
}
