/// Why received bytes are not a message this kernel accepts.
package enum WireError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No `<IDS|MSG>` delimiter frame.
    case missingDelimiter
    /// Fewer than the five frames (signature and four JSON parts) after the delimiter.
    case truncated(frameCount: Int)
    /// The HMAC does not match the frames.
    case badSignature
    /// A part is not JSON, or not an object.
    case malformedJSON(part: String)
    /// The header lacks `msg_id` or `msg_type`.
    case invalidHeader
    /// A stdio line names no known channel.
    case unknownChannel(String)

    /// A one-line explanation for the log.
    package var description: String {
        switch self {
        case .missingDelimiter: "no <IDS|MSG> delimiter"
        case .truncated(let count): "truncated message: \(count) frame(s) after the delimiter, 5 needed"
        case .badSignature: "bad signature"
        case .malformedJSON(let part): "\(part) is not a JSON object"
        case .invalidHeader: "header without msg_id or msg_type"
        case .unknownChannel(let name): "unknown channel \"\(name)\""
        }
    }
}
