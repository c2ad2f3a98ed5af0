import AssayEncoder
import Foundation
import Testing

@Suite("Tokenizer configuration")
struct TokenizerConfigurationTests {
    /// A tiny cased vocabulary, to test the settings without the test model.
    static let vocabulary = Vocabulary(tokens: [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "Hello", "hello", "café", "cafe", "##s", "!",
    ])

    @Test("a cased tokenizer keeps case and accents")
    func keepsCaseWhenCased() throws {
        var configuration = TokenizerConfiguration()
        configuration.lowercases = false
        let tokenizer = try WordPieceTokenizer(vocabulary: Self.vocabulary, configuration: configuration)
        #expect(tokenizer.tokenize("Hello hellos café!") == ["Hello", "hello", "##s", "café", "!"])
    }

    @Test("strip_accents true strips accents even without lower-casing")
    func stripsAccentsWhenAsked() throws {
        var configuration = TokenizerConfiguration()
        configuration.lowercases = false
        configuration.stripsAccents = true
        let tokenizer = try WordPieceTokenizer(vocabulary: Self.vocabulary, configuration: configuration)
        #expect(tokenizer.tokenize("Hello café") == ["Hello", "cafe"])
    }

    @Test("strip_accents false keeps accents while lower-casing")
    func keepsAccentsWhenAsked() throws {
        var configuration = TokenizerConfiguration()
        configuration.stripsAccents = false
        let tokenizer = try WordPieceTokenizer(vocabulary: Self.vocabulary, configuration: configuration)
        #expect(tokenizer.tokenize("HELLO CAFÉ") == ["hello", "café"])
    }

    @Test("never_split words pass through whole")
    func keepsNeverSplitWords() throws {
        var configuration = TokenizerConfiguration()
        configuration.neverSplit = ["hello!"]
        let tokenizer = try WordPieceTokenizer(vocabulary: Self.vocabulary, configuration: configuration)
        #expect(tokenizer.tokenize("Hello! hello!") == ["hello!", "hello!"])
        #expect(tokenizer.encode("hello!") == [2, 1, 3])
    }

    @Test("reads special tokens written as objects, and a huge model_max_length as no limit")
    func readsObjectSpecialTokens() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = try directory.write("""
            {"tokenizer_class": "BertTokenizerFast", "do_lower_case": false,
             "unk_token": {"content": "<unk>", "lstrip": false}, "model_max_length": 1000000000000000019884624838656}
            """, to: "tokenizer_config.json")
        let configuration = try TokenizerConfiguration(contentsOf: url)
        #expect(configuration.unknownToken == "<unk>")
        #expect(configuration.classifierToken == "[CLS]")
        #expect(!configuration.lowercases)
        #expect(configuration.modelMaxLength == nil)
    }

    @Test("another tokenizer class is rejected")
    func rejectsOtherTokenizers() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = try directory.write(#"{"tokenizer_class": "RobertaTokenizer"}"#, to: "tokenizer_config.json")
        let error = try #require(throws: TokenizerError.self) { try TokenizerConfiguration(contentsOf: url) }
        #expect(error.description == "unsupported tokenizer_class 'RobertaTokenizer'; supported: BertTokenizer, BertTokenizerFast, DistilBertTokenizer, DistilBertTokenizerFast")
    }

    @Test("a special token missing from the vocabulary is reported")
    func rejectsMissingSpecialToken() throws {
        var configuration = TokenizerConfiguration()
        configuration.classifierToken = "<s>"
        #expect(throws: TokenizerError(.specialTokenNotInVocabulary(role: "classifier", token: "<s>"))) {
            try WordPieceTokenizer(vocabulary: Self.vocabulary, configuration: configuration)
        }
    }

    @Test("a directory without vocab.txt is reported")
    func rejectsMissingVocabulary() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.url.appendingPathComponent("vocab.txt").path
        let error = try #require(throws: TokenizerError.self) { try WordPieceTokenizer(modelDirectory: directory.url) }
        #expect(error.description == "WordPiece vocabulary not found: \(path)")
    }

    @Test("vocab.txt lines may end in LF, CRLF or CR; IDs are line numbers")
    func readsVocabularyLineEnds() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = try directory.write("[PAD]\n[UNK]\r\n[CLS]\r[SEP]\nword", to: "vocab.txt")
        let vocabulary = try Vocabulary(contentsOf: url)
        #expect(vocabulary.tokens == ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "word"])
        #expect(vocabulary.id(of: "word") == 4)
        #expect(vocabulary.id(of: "absent") == nil)
    }
}
