import AssayMetrics
import Testing

/// The tokenizer splits text as Python's `re.findall(r"\w+|[^\w\s]", text)` does.
@Suite("MeteorTokenizer")
struct MeteorTokenizerTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let id: String
        let text: String
        let tokens: [String]
        var testDescription: String { id }
    }

    static let cases: [Case] = [
        Case(id: "words, numbers and single punctuation marks", text: "Profit rose 5% to $943M.",
             tokens: ["Profit", "rose", "5", "%", "to", "$", "943M", "."]),
        Case(id: "an apostrophe splits a word", text: "don't", tokens: ["don", "'", "t"]),
        Case(id: "curly quotes are tokens of their own", text: "\u{201C}Hi,\u{201D} she said",
             tokens: ["\u{201C}", "Hi", ",", "\u{201D}", "she", "said"]),
        Case(id: "underscores and superscript digits are word characters", text: "snake_case x\u{00B2}",
             tokens: ["snake_case", "x\u{00B2}"]),
        Case(id: "letter numbers are word characters", text: "Henry \u{216B}", tokens: ["Henry", "\u{216B}"]),
        Case(id: "precomposed accents stay in the word", text: "Krak\u{00F3}w M\u{00FC}ller",
             tokens: ["Krak\u{00F3}w", "M\u{00FC}ller"]),
        Case(id: "a combining mark is not a word character", text: "cafe\u{0301} au lait",
             tokens: ["cafe", "\u{0301}", "au", "lait"]),
        Case(id: "line breaks, tabs, no-break and information separators are whitespace",
             text: "a\nb\tc\u{00A0}d\u{001F}e", tokens: ["a", "b", "c", "d", "e"]),
        Case(id: "a zero-width space is not whitespace", text: "a\u{200B}b", tokens: ["a", "\u{200B}", "b"]),
        Case(id: "empty text has no tokens", text: "", tokens: []),
        Case(id: "whitespace only has no tokens", text: "  \n ", tokens: []),
    ]

    @Test("splits like Python's regular expression", arguments: cases)
    func tokenizes(_ testCase: Case) {
        let tokens = MeteorTokenizer.tokenize(testCase.text)
        #expect(tokens.map { Array($0.unicodeScalars) } == testCase.tokens.map { Array($0.unicodeScalars) })
    }
}
