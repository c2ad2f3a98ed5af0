import Foundation

/// The token embeddings of one text at one layer of one encoder, as the run store keeps them.
///
/// The store identifies an embedding by the fingerprint of the model's weights file, the layer and
/// the text, so a changed model or layer never reuses a stale entry.
package struct CachedEmbedding: Sendable, Equatable {
    /// The fingerprint of the model's `model.safetensors` (``FileDigest/fingerprint(ofFileAt:)``).
    package let modelDigest: String
    /// The layer whose hidden states these are (0 is the embeddings output).
    package let layer: Int
    /// The SHA-256 of the embedded text's UTF-8 bytes (the text itself is not kept).
    package let textSHA256: String
    /// The key the store files the entry under; see ``key(modelDigest:layer:text:)``.
    package let key: String
    /// The number of tokens (rows).
    package let tokenCount: Int
    /// The width of each token's vector.
    package let width: Int
    /// `tokenCount × width` values, row-major.
    package let vectors: [Float]

    /// Creates an entry.
    ///
    /// - Parameters:
    ///   - modelDigest: The weights file's fingerprint (``FileDigest/fingerprint(ofFileAt:)``).
    ///   - layer: The layer.
    ///   - text: The embedded text.
    ///   - tokenCount: The number of rows.
    ///   - width: The number of columns.
    ///   - vectors: The values, row-major; there must be `tokenCount × width` of them.
    package init(modelDigest: String, layer: Int, text: String, tokenCount: Int, width: Int, vectors: [Float]) {
        self.init(
            key: Self.key(modelDigest: modelDigest, layer: layer, text: text), modelDigest: modelDigest, layer: layer,
            textSHA256: Self.textSHA256(text), tokenCount: tokenCount, width: width, vectors: vectors)
    }

    /// Recreates an entry read from the store.
    init(key: String, modelDigest: String, layer: Int, textSHA256: String, tokenCount: Int, width: Int, vectors: [Float]) {
        precondition(vectors.count == tokenCount * width, "expected \(tokenCount) × \(width) values")
        self.key = key
        self.modelDigest = modelDigest
        self.layer = layer
        self.textSHA256 = textSHA256
        self.tokenCount = tokenCount
        self.width = width
        self.vectors = vectors
    }

    /// The key of the embeddings of a text at a layer of a model: a SHA-256 over all three.
    ///
    /// - Parameters:
    ///   - modelDigest: The weights file's fingerprint (``FileDigest/fingerprint(ofFileAt:)``).
    ///   - layer: The layer.
    ///   - text: The text.
    /// - Returns: 64 lowercase hexadecimal digits.
    package static func key(modelDigest: String, layer: Int, text: String) -> String {
        // The text comes last, so no choice of text can make two different triples collide.
        sha256Hex(Array("\(modelDigest)\n\(layer)\n".utf8) + Array(text.utf8))
    }

    /// The SHA-256 of a text's UTF-8 bytes.
    package static func textSHA256(_ text: String) -> String {
        sha256Hex(text.utf8)
    }

    /// The vectors as the store keeps them: little-endian IEEE 754 single precision, row-major.
    package var vectorBytes: Data {
        // One copy (appending value by value costs more than the encoder's own work on the same
        // texts); on a little-endian machine the values already are those bytes.
        #if _endian(little)
        vectors.withUnsafeBytes { Data($0) }
        #else
        vectors.map { $0.bitPattern.littleEndian }.withUnsafeBytes { Data($0) }
        #endif
    }

    /// Reads vectors written by ``vectorBytes``.
    ///
    /// - Parameter bytes: A multiple of 4 bytes.
    /// - Returns: The values, or nil when the byte count is not a multiple of 4.
    package static func vectors(from bytes: Data) -> [Float]? {
        guard bytes.count % 4 == 0 else { return nil }
        return bytes.withUnsafeBytes { raw in
            #if _endian(little)
            // The bytes may sit at any address, so they are copied rather than read as floats.
            [Float](unsafeUninitializedCapacity: raw.count / 4) { values, count in
                UnsafeMutableRawBufferPointer(values).copyMemory(from: raw)
                count = raw.count / 4
            }
            #else
            (0 ..< bytes.count / 4).map { index in
                Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)))
            }
            #endif
        }
    }
}
