/// An error raised while loading a WordPiece tokenizer from a model directory.
public struct TokenizerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong; closed so that every case has a message.
    package enum Reason: Equatable, Sendable {
        case vocabularyNotFound(path: String)
        case malformedConfiguration(path: String, detail: String)
        case unsupportedTokenizerClass(String)
        case specialTokenNotInVocabulary(role: String, token: String)
        case invalidMaximumLength(Int)
    }

    /// The specific failure.
    package let reason: Reason

    package init(_ reason: Reason) {
        self.reason = reason
    }

    /// A human-readable explanation, naming the file or token concerned.
    public var description: String {
        switch reason {
        case .vocabularyNotFound(let path):
            return "WordPiece vocabulary not found: \(path)"
        case .malformedConfiguration(let path, let detail):
            return "\(path) is not a valid tokenizer configuration: \(detail)"
        case .unsupportedTokenizerClass(let name):
            let supported = TokenizerConfiguration.supportedClasses.sorted().joined(separator: ", ")
            return "unsupported tokenizer_class '\(name)'; supported: \(supported)"
        case .specialTokenNotInVocabulary(let role, let token):
            return "the \(role) token '\(token)' is not in the vocabulary"
        case .invalidMaximumLength(let length):
            return "maximum length \(length) leaves no room for [CLS] and [SEP]; it must be at least 2"
        }
    }
}
