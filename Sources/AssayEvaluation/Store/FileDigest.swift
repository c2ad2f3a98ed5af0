import Foundation
internal import Crypto

/// The SHA-256 of a file's contents, read in chunks so that large weights files need little memory.
package enum FileDigest {
    /// Hashes a file.
    ///
    /// - Parameter path: The file's path.
    /// - Returns: 64 lowercase hexadecimal digits.
    /// - Throws: The error of opening or reading the file.
    package static func sha256(ofFileAt path: String) throws -> String {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 22), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return hasher.finalize().map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }.joined()
    }
}
