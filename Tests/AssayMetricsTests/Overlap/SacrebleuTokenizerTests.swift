import Testing
@testable import AssayMetrics

/// sacrebleu's `13a` and `intl` tokenizers; expected outputs are sacrebleu 2.6.0's
/// `Tokenizer13a()(line)` and `TokenizerV14International()(line)`.
@Suite("BLEU tokenizers reproduce sacrebleu's")
struct SacrebleuTokenizerTests {
    private static let cases: [(line: String, thirteenA: String, international: String)] = [
        ("Hello, world.", "Hello , world .", "Hello , world ."),
        ("It costs $3.50, or 1,000 yen.", "It costs $ 3.50 , or 1,000 yen .", "It costs $ 3.50 , or 1,000 yen ."),
        ("a-b 5-6 x.y", "a-b 5 - 6 x . y", "a - b 5-6 x . y"),
        ("&amp;lt; &quot;hi&quot; <skipped>ok", "< \" hi \" ok",
         "& amp ; lt ; & quot ; hi & quot ; < skipped > ok"),
        ("line one-\nline two\nend", "line oneline two end", "line one - line two end"),
        ("(hi) [there] {x} a/b c:d e;f", "( hi ) [ there ] { x } a / b c : d e ; f",
         "( hi ) [ there ] { x } a / b c : d e ; f"),
        ("Ünïcödé ½ € — «x»", "Ünïcödé ½ € — «x»", "Ünïcödé ½ € — « x »"),
    ]

    @Test("13a and intl outputs", arguments: cases)
    func tokenize(line: String, thirteenA: String, international: String) {
        var first = BLEUSegmentTokenizer(tokenizer: .thirteenA, lowercase: false)
        var second = BLEUSegmentTokenizer(tokenizer: .international, lowercase: false)
        #expect(first.wordStrings(of: line).joined(separator: " ") == thirteenA)
        #expect(second.wordStrings(of: line).joined(separator: " ") == international)
    }

    @Test("lower-casing follows Python, including the final sigma")
    func lowercase() {
        var tokenizer = BLEUSegmentTokenizer(tokenizer: .none, lowercase: true)
        #expect(tokenizer.wordStrings(of: "ΟΔΥΣΣΕΥΣ ΣΑΣ. İ") == ["οδυσσευς", "σας.", "i\u{307}"])
    }

    @Test("the char tokenizer makes every non-space character a word")
    func characters() {
        var tokenizer = BLEUSegmentTokenizer(tokenizer: .character, lowercase: false)
        #expect(tokenizer.wordStrings(of: "ab c\u{00A0}é ") == ["a", "b", "c", "é"])
    }
}
