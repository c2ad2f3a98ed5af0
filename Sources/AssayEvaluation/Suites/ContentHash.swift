internal import Crypto

/// The SHA-256 of `bytes` as lowercase hexadecimal digits: all 64, or the first `digits`.
func sha256Hex(_ bytes: some Sequence<UInt8>, digits: Int = 64) -> String {
    let digest = SHA256.hash(data: Array(bytes))
    // Written straight into the string, without a table or a prefix of the whole text: a suite
    // without ids hashes every case, a million of them for a large one.
    return String(unsafeUninitializedCapacity: digits) { text in
        var written = 0
        for byte in digest where written < digits {
            text[written] = hexDigit(byte >> 4)
            written += 1
            if written < digits {
                text[written] = hexDigit(byte & 0x0F)
                written += 1
            }
        }
        return written
    }
}

private func hexDigit(_ nibble: UInt8) -> UInt8 {
    nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") - 10 + nibble
}
