import Testing
@testable import AssayMetrics

/// rouge-score's default tokenizer; expected tokens are rouge-score 0.1.2's
/// `tokenize.tokenize(text, stemmer)`.
@Suite("The ROUGE tokenizer reproduces rouge-score's default tokenizer")
struct RougeTokenizerTests {
    @Test("non-ASCII letters separate tokens, except İ and the Kelvin sign, which lower-case to ASCII")
    func unicode() {
        var tokenizer = RougeTokenizer(usesStemmer: false)
        #expect(tokenizer.tokenStrings(of: "İstanbul \u{212A}elvin Bogotá Kraków Müller don't 5%")
                == ["i", "stanbul", "kelvin", "bogot", "krak", "w", "m", "ller", "don", "t", "5"])
    }

    @Test("the stemmer applies only to tokens longer than three characters")
    func stemming() {
        var plain = RougeTokenizer(usesStemmer: false)
        var stemmed = RougeTokenizer(usesStemmer: true)
        let text = "The Quick-brown FOX jumped_over 2 lazy dogs!"
        #expect(plain.tokenStrings(of: text) == ["the", "quick", "brown", "fox", "jumped", "over", "2", "lazy", "dogs"])
        #expect(stemmed.tokenStrings(of: text) == ["the", "quick", "brown", "fox", "jump", "over", "2", "lazi", "dog"])
        #expect(stemmed.tokenStrings(of: "Running runners ran; generalizations abound")
                == ["run", "runner", "ran", "gener", "abound"])
    }

    @Test("type names parse as rouge-score accepts them", arguments: [
        ("rouge1", RougeType.rouge1), ("rouge2", .rouge2), ("rouge9", .rougeN(9)), ("rougeL", .rougeL),
        ("rougeLsum", .rougeLsum), ("rouge0", nil), ("rouge10", nil), ("rougel", nil), ("ROUGE1", nil),
    ] as [(String, RougeType?)])
    func typeNames(name: String, type: RougeType?) {
        #expect(RougeType(name: name) == type)
        if let type { #expect(type.name == name) }
    }

    @Test("an empty target list gives zero scores for score_multi")
    func scoreMultiWithoutTargets() {
        let scores = RougeScorer(types: [.rouge1, .rougeL]).scoreMulti(targets: [], prediction: "a b")
        #expect(scores == [.rouge1: .zero, .rougeL: .zero])
    }
}
