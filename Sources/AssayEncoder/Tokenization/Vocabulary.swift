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
        let text = String(decoding: data, as: UTF8.self)
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        var previousWasCarriageReturn = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" && previousWasCarriageReturn {
                previousWasCarriageReturn = false
                continue
            }
            previousWasCarriageReturn = scalar == "\r"
            if scalar == "\n" || scalar == "\r" {
                tokens.append(String(current))
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty {
            tokens.append(String(current))
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
