internal import Crypto
import Dispatch
import Synchronization

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

/// ``sha256Hex(_:digits:)`` of a suite file's bytes, computed on another thread from a
/// megabyte up while the caller reads the cases: a large suite's digest is about a tenth of its
/// load, and reading its cases does not need it.
final class SuiteDigest: Sendable {
    private let digest = Mutex<String?>(nil)
    private let finished = DispatchSemaphore(value: 0)

    init(of bytes: [UInt8]) {
        guard bytes.count >= 1 << 20 else {
            digest.withLock { $0 = sha256Hex(bytes) }
            finished.signal()
            return
        }
        DispatchQueue.global().async { [self] in
            let hex = sha256Hex(bytes)
            digest.withLock { $0 = hex }
            finished.signal()
        }
    }

    /// The digest, waiting for it if it is not computed yet.
    var value: String {
        finished.wait()
        defer { finished.signal() }
        return digest.withLock { $0! }
    }
}
