internal import Crypto

/// The SHA-256 of `bytes` as 64 lowercase hexadecimal digits.
func sha256Hex(_ bytes: some Sequence<UInt8>) -> String {
    let digest = SHA256.hash(data: Array(bytes))
    let digits: [UInt8] = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(64)
    for byte in digest {
        text.append(digits[Int(byte >> 4)])
        text.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
}
