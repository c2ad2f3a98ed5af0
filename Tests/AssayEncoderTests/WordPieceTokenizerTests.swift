import AssayEncoder
import Foundation
import Testing

/// One tokenizer rule: a readable name, the input and the exact pieces the reference produces.
struct TokenizationCase: CustomTestStringConvertible, Sendable {
    let id: String
    let text: String
    let pieces: [String]

    var testDescription: String { id }
}

@Suite("WordPiece tokenizer")
struct WordPieceTokenizerTests {
    /// Expectations checked against the reference `BertTokenizer` (transformers 4.57.6, Python 3.11).
    static let cases: [TokenizationCase] = [
        .init(id: "accents are stripped after lower-casing", text: "Café Naïve Über", pieces: ["cafe", "naive", "uber"]),
        .init(id: "upper-case accented letters", text: "NAÏVE CAFÉ", pieces: ["naive", "cafe"]),
        .init(id: "a combining accent is removed", text: "e\u{301}", pieces: ["e"]),
        .init(id: "macron, breve, ogonek and diaeresis with acute", text: "ĀĂĄ ḯ", pieces: ["aaa", "i"]),
        .init(id: "dotted capital I lower-cases to plain i", text: "İstanbul", pieces: ["istanbul"]),
        .init(id: "a final capital sigma lower-cases to σ", text: "ΟΔΟΣ", pieces: ["ο", "##δ", "##ο", "##σ"]),
        .init(id: "each CJK ideograph is a word of its own", text: "abc中文def", pieces: ["abc", "中", "文", "def"]),
        .init(id: "CJK ideographs missing from the vocabulary are unknown", text: "我爱北京", pieces: ["我", "[UNK]", "北", "京"]),
        .init(id: "punctuation is split off", text: "Hello,world! (ok)", pieces: ["hello", ",", "world", "!", "(", "ok", ")"]),
        .init(id: "ASCII symbols count as punctuation", text: "$5^`~", pieces: ["$", "5", "^", "`", "~"]),
        .init(id: "characters missing from the vocabulary make the word unknown", text: "☃ snowman 🙂", pieces: ["[UNK]", "snow", "##man", "[UNK]"]),
        .init(id: "a word with an unknown character is unknown as a whole", text: "ok🙂", pieces: ["[UNK]"]),
        .init(id: "characters newer than Unicode 14 are dropped like unassigned ones", text: "ok \u{1FAE8} go ok\u{1FAE8}", pieces: ["ok", "go", "ok"]),
        .init(id: "control and format characters are removed", text: "a\u{0}b\u{200B}c\u{7}d", pieces: ["abc", "##d"]),
        .init(id: "soft hyphens and byte order marks are removed", text: "\u{FEFF}soft\u{AD}hyphen", pieces: ["soft", "##hy", "##ph", "##en"]),
        .init(id: "tabs, newlines and ideographic spaces separate words", text: "\t a \n\u{3000}b", pieces: ["a", "b"]),
        .init(id: "line separators split words; information separators vanish", text: "\u{2028}a\u{2029}b\u{1C}c\u{85}d", pieces: ["a", "bc", "##d"]),
        .init(id: "words split into the longest vocabulary pieces", text: "unaffable", pieces: ["una", "##ffa", "##ble"]),
        .init(id: "numbers and currency", text: "Blue Harbor Bank's profit increased 5% to $943M", pieces: [
            "blue", "harbor", "bank", "'", "s", "profit", "increased", "5", "%", "to", "$", "94", "##3", "##m",
        ]),
        .init(id: "special tokens in the text are kept whole", text: "hello [SEP] world", pieces: ["hello", "[SEP]", "world"]),
        .init(id: "special tokens match only verbatim", text: "[cls] [CLS]x", pieces: ["[", "cl", "##s", "]", "[CLS]", "x"]),
        .init(id: "compatibility characters are not decomposed", text: "Ⅻ ① ㎏ ﬀ", pieces: ["[UNK]", "[UNK]", "[UNK]", "[UNK]"]),
        .init(id: "a word of 100 characters is still split", text: String(repeating: "a", count: 100),
              pieces: ["aaa"] + Array(repeating: "##aa", count: 48) + ["##a"]),
        .init(id: "a word over 100 characters is unknown", text: String(repeating: "x", count: 101), pieces: ["[UNK]"]),
        .init(id: "empty text has no pieces", text: "", pieces: []),
        .init(id: "blank text has no pieces", text: " \n\t ", pieces: []),
    ]

    @Test("splits text as the reference BertTokenizer does", arguments: cases)
    func tokenizes(_ example: TokenizationCase) throws {
        let tokenizer = try TestModel.tokenizer.get()
        #expect(tokenizer.tokenize(example.text) == example.pieces)
    }

    @Test("encodes as [CLS], the piece IDs, [SEP]")
    func encodesWithSpecialTokens() throws {
        let tokenizer = try TestModel.tokenizer.get()
        #expect(tokenizer.classifierTokenID == 101)
        #expect(tokenizer.separatorTokenID == 102)
        #expect(tokenizer.unknownTokenID == 100)
        #expect(tokenizer.encode("Hello, world!") == [101, 7592, 1010, 2088, 999, 102])
        #expect(tokenizer.token(for: 7592) == "hello")
        #expect(tokenizer.token(for: 30522) == nil)
    }

    @Test("empty and blank text encode as [CLS] [SEP] alone", arguments: ["", "   ", "\u{0}"])
    func encodesEmptyText(text: String) throws {
        #expect(try TestModel.tokenizer.get().encode(text) == [101, 102])
    }

    @Test("truncates to model_max_length (512), keeping the first pieces and [SEP]")
    func truncatesToModelMaximum() throws {
        let tokenizer = try TestModel.tokenizer.get()
        #expect(tokenizer.maximumLength == 512)
        let ids = tokenizer.encode(String(repeating: "word ", count: 600))
        #expect(ids.count == 512)
        #expect(ids.first == 101)
        #expect(ids.last == 102)
        #expect(ids.dropFirst().dropLast().allSatisfy { $0 == 2773 })
    }

    @Test("a smaller maximum length truncates further")
    func truncatesToRequestedMaximum() throws {
        let tokenizer = try WordPieceTokenizer(modelDirectory: TestModel.directory(), maximumLength: 5)
        #expect(tokenizer.encode("one two three four five") == [101, 2028, 2048, 2093, 102])
        #expect(throws: TokenizerError(.invalidMaximumLength(1))) {
            try WordPieceTokenizer(modelDirectory: TestModel.directory(), maximumLength: 1)
        }
    }

    @Test("reads the settings of tokenizer_config.json")
    func readsConfiguration() throws {
        let configuration = try TestModel.tokenizer.get().configuration
        #expect(configuration.lowercases)
        #expect(configuration.stripsAccents == nil)
        #expect(configuration.splitsCJKIdeographs)
        #expect(configuration.modelMaxLength == 512)
        #expect(configuration.specialTokens == ["[UNK]", "[SEP]", "[PAD]", "[CLS]", "[MASK]"])
    }
}
