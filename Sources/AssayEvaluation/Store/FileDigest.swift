import Foundation

/// A fingerprint of a file's contents, read through a memory mapping so that large weights files
/// need neither a copy nor memory of their own.
///
/// The fingerprint keys a local cache (the embeddings of a model's weights), where it only has to
/// change when the file does: no one gains by forging one. So it is XXH64, which reads memory
/// about seven times as fast as SHA-256 with the processor's SHA extensions (a 90 MB model in
/// ~10 ms instead of ~50 ms, time taken from the cores the encoder is starting on), and whose
/// 64 bits make an accidental collision between two models a 1-in-10¹⁹ event.
package enum FileDigest {
    /// Fingerprints a file.
    ///
    /// - Parameter path: The file's path.
    /// - Returns: `xxh64:` and 16 lowercase hexadecimal digits.
    /// - Throws: The error of opening or reading the file.
    package static func fingerprint(ofFileAt path: String) throws -> String {
        let contents = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        let hash = contents.withUnsafeBytes { XXH64.hash($0) }
        let digits = String(hash, radix: 16)
        return "xxh64:" + String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// XXH64 with seed 0, as its specification (the xxHash project's `xxhash_spec.md`) defines it.
enum XXH64 {
    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let prime4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let prime5: UInt64 = 0x27D4_EB2F_1656_67C5

    /// The hash of some bytes.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let count = bytes.count
        var offset = 0
        var hash: UInt64
        if count >= 32, let base = bytes.baseAddress {
            var lanes = (prime1 &+ prime2, prime2, UInt64(0), 0 &- prime1)
            // Four independent lanes over 32-byte stripes.
            while offset + 32 <= count {
                lanes.0 = round(lanes.0, word(base, offset))
                lanes.1 = round(lanes.1, word(base, offset + 8))
                lanes.2 = round(lanes.2, word(base, offset + 16))
                lanes.3 = round(lanes.3, word(base, offset + 24))
                offset += 32
            }
            hash = rotated(lanes.0, 1) &+ rotated(lanes.1, 7) &+ rotated(lanes.2, 12) &+ rotated(lanes.3, 18)
            for lane in [lanes.0, lanes.1, lanes.2, lanes.3] {
                hash = (hash ^ round(0, lane)) &* prime1 &+ prime4
            }
        } else {
            hash = prime5
        }
        hash &+= UInt64(count)
        while offset + 8 <= count {
            hash = rotated(hash ^ round(0, word(bytes.baseAddress!, offset)), 27) &* prime1 &+ prime4
            offset += 8
        }
        if offset + 4 <= count {
            let half = UInt64(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            hash = rotated(hash ^ (half &* prime1), 23) &* prime2 &+ prime3
            offset += 4
        }
        while offset < count {
            hash = rotated(hash ^ (UInt64(bytes[offset]) &* prime5), 11) &* prime1
            offset += 1
        }
        hash ^= hash >> 33
        hash &*= prime2
        hash ^= hash >> 29
        hash &*= prime3
        hash ^= hash >> 32
        return hash
    }

    @inline(__always)
    private static func round(_ accumulator: UInt64, _ input: UInt64) -> UInt64 {
        rotated(accumulator &+ input &* prime2, 31) &* prime1
    }

    @inline(__always)
    private static func rotated(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }

    @inline(__always)
    private static func word(_ base: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
}
