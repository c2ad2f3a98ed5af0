import AssayMetrics
import Testing

/// The stemmer gives NLTK's `PorterStemmer()` stems (mode NLTK_EXTENSIONS).
@Suite("PorterStemmer")
struct PorterStemmerTests {
    /// The words and stems of NLTK's stemming demonstration (`stem.doctest`).
    static let nltkDemonstration: [(String, String)] = [
        ("caresses", "caress"), ("flies", "fli"), ("dies", "die"), ("mules", "mule"),
        ("denied", "deni"), ("died", "die"), ("agreed", "agre"), ("owned", "own"),
        ("humbled", "humbl"), ("sized", "size"), ("meeting", "meet"), ("stating", "state"),
        ("siezing", "siez"), ("itemization", "item"), ("sensational", "sensat"),
        ("traditional", "tradit"), ("reference", "refer"), ("colonizer", "colon"),
        ("plotted", "plot"),
    ]

    @Test("NLTK's demonstration words", arguments: nltkDemonstration)
    func demonstration(word: String, stem: String) {
        #expect(PorterStemmer().stem(word) == stem)
    }

    static let extensions: [(String, String)] = [
        ("skies", "sky"), ("dying", "die"), ("lying", "lie"), ("news", "news"),  // irregular forms
        ("innings", "inning"), ("proceed", "proceed"),
        ("ties", "tie"), ("spied", "spi"),  // four-letter -ies/-ied keep "ie"
        ("happy", "happi"), ("enjoy", "enjoy"), ("sky", "sky"),  // y -> i only after a consonant
        ("is", "is"), ("as", "as"),  // one or two letters are left alone
        ("running", "run"), ("hopping", "hop"), ("falling", "fall"), ("filing", "file"),
        ("generously", "gener"), ("geology", "geolog"),
    ]

    @Test("NLTK's extensions and Porter's examples", arguments: extensions)
    func extensionsAndExamples(word: String, stem: String) {
        #expect(PorterStemmer().stem(word) == stem)
    }

    @Test("words are lower-cased before stemming")
    func lowerCasesFirst() {
        #expect(PorterStemmer().stem("Generalizations") == "gener")
        #expect(PorterStemmer().stem("IS") == "is")
    }

    @Test("words without Latin vowels pass through the rules unharmed")
    func nonLatin() {
        #expect(PorterStemmer().stem("\u{043A}\u{043E}\u{0442}\u{044B}") == "\u{043A}\u{043E}\u{0442}\u{044B}")
        #expect(PorterStemmer().stem("") == "")
    }
}
