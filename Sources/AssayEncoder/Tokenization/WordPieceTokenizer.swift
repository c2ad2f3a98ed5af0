import Foundation
import Synchronization

/// A BERT WordPiece tokenizer driven by a model directory's `vocab.txt` and `tokenizer_config.json`.
///
/// Special tokens written in the text are kept whole; the rest goes through ``TokenizerConfiguration``'s
/// basic pass (cleaning, lower-casing, accent stripping, CJK and punctuation splitting), then each
/// word is split greedily into the longest vocabulary pieces, continuations prefixed with `##`.
/// A word with no such split, or longer than 100 characters, becomes the unknown token.
public struct WordPieceTokenizer: Sendable {
    /// The settings read from the model directory.
    public let configuration: TokenizerConfiguration
    /// The longest sequence ``encode(_:)`` returns, `[CLS]` and `[SEP]` included.
    public let maximumLength: Int
    /// The ID of the token that opens every sequence (`[CLS]`).
    public let classifierTokenID: Int
    /// The ID of the token that closes every sequence (`[SEP]`).
    public let separatorTokenID: Int
    /// The ID given to words with no WordPiece split (`[UNK]`).
    public let unknownTokenID: Int

    package let vocabulary: Vocabulary
    private let basicTokenizer: BasicTokenizer

    /// Words longer than this many characters become the unknown token.
    private static let maximumWordLength = 100

    /// Loads the tokenizer of a model directory.
    ///
    /// - Parameters:
    ///   - modelDirectory: A directory holding `vocab.txt` and, optionally, `tokenizer_config.json`.
    ///   - maximumLength: The longest encoded sequence; `nil` takes `model_max_length` from the
    ///     configuration, or no limit when that is absent.
    /// - Throws: `TokenizerError` when the vocabulary is missing, the configuration is invalid or
    ///   a special token is not in the vocabulary.
    public init(modelDirectory: URL, maximumLength: Int? = nil) throws {
        let configurationURL = modelDirectory.appendingPathComponent("tokenizer_config.json")
        let configuration = FileManager.default.fileExists(atPath: configurationURL.path)
            ? try TokenizerConfiguration(contentsOf: configurationURL)
            : TokenizerConfiguration()
        let vocabulary = try Vocabulary(contentsOf: modelDirectory.appendingPathComponent("vocab.txt"))
        try self.init(vocabulary: vocabulary, configuration: configuration, maximumLength: maximumLength)
    }

    /// Creates a tokenizer from a vocabulary and settings.
    package init(vocabulary: Vocabulary, configuration: TokenizerConfiguration, maximumLength: Int? = nil) throws {
        func id(of token: String, role: String) throws -> Int {
            guard let id = vocabulary.id(of: token) else {
                throw TokenizerError(.specialTokenNotInVocabulary(role: role, token: token))
            }
            return id
        }
        let length = maximumLength ?? configuration.modelMaxLength ?? Int.max
        guard length >= 2 else {
            throw TokenizerError(.invalidMaximumLength(length))
        }
        self.configuration = configuration
        self.vocabulary = vocabulary
        self.maximumLength = length
        self.classifierTokenID = try id(of: configuration.classifierToken, role: "classifier")
        self.separatorTokenID = try id(of: configuration.separatorToken, role: "separator")
        self.unknownTokenID = try id(of: configuration.unknownToken, role: "unknown")
        self.basicTokenizer = BasicTokenizer(configuration: configuration)
    }

    /// Encodes text as `[CLS]`, its WordPiece IDs, `[SEP]`, keeping the first pieces when the
    /// sequence would exceed ``maximumLength``.
    ///
    /// - Parameter text: Any text; empty or blank text gives just `[CLS]` and `[SEP]`.
    /// - Returns: The token IDs the encoder takes.
    public func encode(_ text: String) -> [Int] {
        let pieces = tokenize(text)
        let kept = min(pieces.count, maximumLength - 2)
        var ids = [classifierTokenID]
        ids.reserveCapacity(kept + 2)
        for piece in pieces.prefix(kept) {
            ids.append(vocabulary.id(of: piece) ?? unknownTokenID)
        }
        ids.append(separatorTokenID)
        return ids
    }

    /// Encodes many texts as ``encode(_:)`` does, on all cores.
    ///
    /// - Parameter batch: The texts.
    /// - Returns: The token IDs of each text, in input order.
    public func encode(batch: [String]) -> [[Int]] {
        let chunk = 32
        let chunkCount = (batch.count + chunk - 1) / chunk
        let results = Mutex([[Int]](repeating: [], count: batch.count))
        ParallelWork.forEach(count: chunkCount) { index in
            let range = index * chunk ..< min((index + 1) * chunk, batch.count)
            let encoded = range.map { encode(batch[$0]) }
            results.withLock { results in
                results.replaceSubrange(range, with: encoded)
            }
        }
        return results.withLock { $0 }
    }

    /// Splits text into WordPiece tokens, without special tokens or truncation.
    ///
    /// - Parameter text: Any text.
    /// - Returns: The pieces, such as `["blue", "harbor", "94", "##3", "##m"]`.
    public func tokenize(_ text: String) -> [String] {
        var pieces: [String] = []
        for segment in SpecialTokenSplitter(specialTokens: configuration.specialTokens).segments(of: text) {
            switch segment {
            case .special(let token):
                pieces.append(token)
            case .text(let text):
                let words = configuration.runsBasicTokenization
                    ? basicTokenizer.words(in: text)
                    : BasicTokenizer.splitAtWhitespace(text)
                for word in words {
                    if basicTokenizer.neverSplit.contains(word) {
                        pieces.append(word)
                    } else {
                        pieces.append(contentsOf: wordPieces(of: word))
                    }
                }
            }
        }
        return pieces
    }

    /// The token with an ID, or `nil` when the ID is outside the vocabulary.
    ///
    /// - Parameter id: A token ID.
    /// - Returns: The vocabulary entry, such as `[CLS]` or `##m`.
    public func token(for id: Int) -> String? {
        vocabulary.tokens.indices.contains(id) ? vocabulary.tokens[id] : nil
    }

    /// Splits one word greedily into the longest vocabulary pieces.
    private func wordPieces(of word: String) -> [String] {
        let scalars = Array(word.unicodeScalars)
        guard scalars.count <= Self.maximumWordLength else {
            return [configuration.unknownToken]
        }
        var pieces: [String] = []
        var start = 0
        while start < scalars.count {
            var end = scalars.count
            var match: String?
            while start < end {
                var candidate = String(String.UnicodeScalarView(scalars[start..<end]))
                if start > 0 {
                    candidate = "##" + candidate
                }
                if vocabulary.id(of: candidate) != nil {
                    match = candidate
                    break
                }
                end -= 1
            }
            guard let match else {
                return [configuration.unknownToken]
            }
            pieces.append(match)
            start = end
        }
        return pieces
    }
}
