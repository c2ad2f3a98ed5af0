import Foundation

/// A WordPiece vocabulary: one token per line of `vocab.txt`, the line number being its ID.
package struct Vocabulary: Sendable {
    /// The tokens in ID order.
    package let tokens: [String]
    private let idsByToken: [String: Int]

    /// Builds a vocabulary from tokens in ID order; a repeated token maps to its last ID.
    ///
    /// - Parameter tokens: The tokens, the first having ID 0.
    package init(tokens: [String]) {
        self.tokens = tokens
        var idsByToken: [String: Int] = [:]
        idsByToken.reserveCapacity(tokens.count)
        for (id, token) in tokens.enumerated() {
            idsByToken[token] = id
        }
        self.idsByToken = idsByToken
    }

    /// Reads `vocab.txt`, accepting `\n`, `\r\n` and `\r` line ends as text-mode readers do.
    ///
    /// - Parameter url: The vocabulary file.
    /// - Throws: `TokenizerError` when the file cannot be read as UTF-8.
    package init(contentsOf url: URL) throws {
        guard let data = try? Data(contentsOf: url) else {
            throw TokenizerError(.vocabularyNotFound(path: url.path))
        }
        // Lines are cut at the bytes of CR and LF, which never occur inside a multi-byte UTF-8
        // sequence, and each line is decoded on its own.
        var tokens: [String] = []
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            let bytes = bytes.bindMemory(to: UInt8.self)
            var start = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x0A || byte == 0x0D {
                    tokens.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                    // CR LF is one line end.
                    if byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A {
                        index += 1
                    }
                    start = index + 1
                }
                index += 1
            }
            if start < bytes.count {
                tokens.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
            }
        }
        self.init(tokens: tokens)
    }

    /// The number of tokens.
    package var count: Int {
        tokens.count
    }

    /// The ID of a token, or `nil` when it is not in the vocabulary.
    package func id(of token: String) -> Int? {
        idsByToken[token]
    }
}
