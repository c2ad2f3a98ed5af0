import Foundation

/// The settings of a BERT WordPiece tokenizer, read from `tokenizer_config.json`.
///
/// Absent keys take the defaults of the reference `BertTokenizer`: lower-casing on, accents
/// stripped whenever lower-casing is on, Chinese characters split, and the usual bracketed
/// special tokens.
public struct TokenizerConfiguration: Equatable, Sendable {
    /// Whether text is lower-cased before WordPiece.
    public var lowercases: Bool
    /// Whether accents are stripped; `nil` means "whenever `lowercases` is on".
    public var stripsAccents: Bool?
    /// Whether each CJK ideograph becomes a word of its own.
    public var splitsCJKIdeographs: Bool
    /// Whether the basic (whitespace, punctuation) pass runs before WordPiece.
    public var runsBasicTokenization: Bool
    /// Words passed through whole, without lower-casing or splitting.
    public var neverSplit: [String]
    /// The longest sequence the model accepts, special tokens included; `nil` when unlimited.
    public var modelMaxLength: Int?
    /// The unknown-word token.
    public var unknownToken: String
    /// The token that opens every sequence.
    public var classifierToken: String
    /// The token that closes every sequence.
    public var separatorToken: String
    /// The padding token.
    public var paddingToken: String
    /// The masking token.
    public var maskToken: String

    /// The `tokenizer_class` values that describe this tokenizer.
    static let supportedClasses: Set<String> = [
        "BertTokenizer", "BertTokenizerFast", "DistilBertTokenizer", "DistilBertTokenizerFast",
    ]

    /// The reference defaults, used when a model directory has no `tokenizer_config.json`.
    public init() {
        lowercases = true
        stripsAccents = nil
        splitsCJKIdeographs = true
        runsBasicTokenization = true
        neverSplit = []
        modelMaxLength = nil
        unknownToken = "[UNK]"
        classifierToken = "[CLS]"
        separatorToken = "[SEP]"
        paddingToken = "[PAD]"
        maskToken = "[MASK]"
    }

    /// Reads `tokenizer_config.json`.
    ///
    /// - Parameter url: The file.
    /// - Throws: `TokenizerError` when the file is malformed or names another tokenizer class.
    public init(contentsOf url: URL) throws {
        self.init()
        let raw: RawTokenizerConfiguration
        do {
            raw = try JSONDecoder().decode(RawTokenizerConfiguration.self, from: Data(contentsOf: url))
        } catch {
            throw TokenizerError(.malformedConfiguration(path: url.path, detail: String(describing: error)))
        }
        if let tokenizerClass = raw.tokenizerClass, !Self.supportedClasses.contains(tokenizerClass) {
            throw TokenizerError(.unsupportedTokenizerClass(tokenizerClass))
        }
        lowercases = raw.doLowerCase ?? lowercases
        stripsAccents = raw.stripAccents
        splitsCJKIdeographs = raw.tokenizeChineseChars ?? splitsCJKIdeographs
        runsBasicTokenization = raw.doBasicTokenize ?? runsBasicTokenization
        neverSplit = raw.neverSplit ?? []
        // Configurations write "no limit" as a huge float such as 1e30.
        if let length = raw.modelMaxLength, length < Double(Int32.max) {
            modelMaxLength = Int(length)
        }
        unknownToken = raw.unkToken?.content ?? unknownToken
        classifierToken = raw.clsToken?.content ?? classifierToken
        separatorToken = raw.sepToken?.content ?? separatorToken
        paddingToken = raw.padToken?.content ?? paddingToken
        maskToken = raw.maskToken?.content ?? maskToken
    }

    /// The special tokens, which are never split and are recognised verbatim in input text.
    public var specialTokens: [String] {
        [unknownToken, separatorToken, paddingToken, classifierToken, maskToken]
    }
}

/// The keys of `tokenizer_config.json` that matter here.
private struct RawTokenizerConfiguration: Decodable {
    let tokenizerClass: String?
    let doLowerCase, stripAccents, tokenizeChineseChars, doBasicTokenize: Bool?
    let neverSplit: [String]?
    let modelMaxLength: Double?
    let unkToken, clsToken, sepToken, padToken, maskToken: SpecialToken?

    enum CodingKeys: String, CodingKey {
        case tokenizerClass = "tokenizer_class", doLowerCase = "do_lower_case"
        case stripAccents = "strip_accents", tokenizeChineseChars = "tokenize_chinese_chars"
        case doBasicTokenize = "do_basic_tokenize", neverSplit = "never_split"
        case modelMaxLength = "model_max_length"
        case unkToken = "unk_token", clsToken = "cls_token", sepToken = "sep_token"
        case padToken = "pad_token", maskToken = "mask_token"
    }
}

/// A special token written either as a string or as an object with a `content` key.
private struct SpecialToken: Decodable {
    let content: String

    private enum CodingKeys: String, CodingKey {
        case content
    }

    init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            content = text
        } else {
            content = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .content)
        }
    }
}
