import Crypto
import Foundation

/// Signs and verifies messages with HMAC-SHA256 over the raw bytes of their four JSON frames.
///
/// An empty key turns signing off: signatures are empty and every message is accepted, as the
/// protocol specifies.
package struct MessageSigner: Sendable {
    // The key's bytes rather than a `SymmetricKey`, which is not `Sendable`.
    private let key: Data?

    /// Creates a signer for a connection file's `key`.
    package init(key: String) {
        self.key = key.isEmpty ? nil : Data(key.utf8)
    }

    /// Whether messages are signed at all.
    package var isSigning: Bool { key != nil }

    /// The lowercase hex HMAC of the frames (header, parent header, metadata, content), or "" without a key.
    package func signature(of frames: [Data]) -> String {
        guard let digest = digest(of: frames) else { return "" }
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(digest.count * 2)
        for byte in digest {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Whether `signature` (the hex text received) is the HMAC of the frames.
    ///
    /// The comparison takes the same time wherever the first differing byte is, so a forger learns
    /// nothing from how long a rejection takes.
    package func isValid(signature: Data, of frames: [Data]) -> Bool {
        guard let expected = digest(of: frames) else { return true }
        guard let received = Self.bytes(fromHex: signature), received.count == expected.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(expected, received) {
            difference |= left ^ right
        }
        return difference == 0
    }

    private func digest(of frames: [Data]) -> [UInt8]? {
        guard let key else { return nil }
        var hmac = HMAC<SHA256>(key: SymmetricKey(data: key))
        for frame in frames {
            hmac.update(data: frame)
        }
        return Array(hmac.finalize())
    }

    private static func bytes(fromHex text: Data) -> [UInt8]? {
        guard text.count.isMultiple(of: 2) else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count / 2)
        var high: UInt8?
        for character in text {
            guard let nibble = nibble(character) else { return nil }
            if let first = high {
                bytes.append(first << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return bytes
    }

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
