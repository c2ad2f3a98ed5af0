import Foundation
internal import Crypto

/// The SHA-256 of a file's contents, read through a memory mapping so that large weights files
/// need neither a copy nor memory of their own.
package enum FileDigest {
    /// Hashes a file.
    ///
    /// - Parameter path: The file's path.
    /// - Returns: 64 lowercase hexadecimal digits.
    /// - Throws: The error of opening or reading the file.
    package static func sha256(ofFileAt path: String) throws -> String {
        let contents = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        return SHA256.hash(data: contents).map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
        }.joined()
    }
}
