import Testing
@testable import AssayMetrics

/// NLTK's Porter stemmer, rule by rule; the expected stems are NLTK 3.10.4's
/// (`PorterStemmer().stem(word)`), mostly on the examples of Porter's paper.
@Suite("The ROUGE stemmer reproduces NLTK's Porter stemmer")
struct PorterStemmerRuleTests {
    private static let cases: [(word: String, stem: String)] = [
        // Step 1a, with NLTK's four-letter "ies" rule.
        ("caresses", "caress"), ("ponies", "poni"), ("ties", "tie"), ("caress", "caress"), ("cats", "cat"),
        ("flies", "fli"), ("dies", "die"),
        // Step 1b, with NLTK's "ied" rule.
        ("feed", "feed"), ("agreed", "agre"), ("plastered", "plaster"), ("bled", "bled"), ("motoring", "motor"),
        ("sing", "sing"), ("conflated", "conflat"), ("troubled", "troubl"), ("sized", "size"), ("hopping", "hop"),
        ("tanned", "tan"), ("falling", "fall"), ("hissing", "hiss"), ("fizzed", "fizz"), ("failing", "fail"),
        ("filing", "file"), ("spied", "spi"), ("died", "die"),
        // Step 1c: y -> i only after a consonant that is not the first letter.
        ("happy", "happi"), ("enjoy", "enjoy"), ("spy", "spi"), ("syzygy", "syzygi"), ("yyyy", "yyyi"),
        // NLTK's irregular forms.
        ("sky", "sky"), ("skies", "sky"), ("dying", "die"), ("lying", "lie"), ("news", "news"),
        ("innings", "inning"), ("proceed", "proceed"), ("exceed", "exceed"), ("succeeded", "succeed"),
        // Step 2, with NLTK's alli-first, fulli and logi rules.
        ("relational", "relat"), ("conditional", "condit"), ("rational", "ration"), ("valenci", "valenc"),
        ("hesitanci", "hesit"), ("digitizer", "digit"), ("conformabli", "conform"), ("radicalli", "radic"),
        ("differentli", "differ"), ("vileli", "vile"), ("analogousli", "analog"), ("vietnamization", "vietnam"),
        ("predication", "predic"), ("operator", "oper"), ("feudalism", "feudal"), ("decisiveness", "decis"),
        ("hopefulness", "hope"), ("callousness", "callous"), ("formaliti", "formal"), ("sensitiviti", "sensit"),
        ("sensibiliti", "sensibl"), ("hopefulli", "hope"), ("geology", "geolog"), ("archaeology", "archaeolog"),
        // Step 3.
        ("triplicate", "triplic"), ("formative", "form"), ("formalize", "formal"), ("electriciti", "electr"),
        ("electrical", "electr"), ("hopeful", "hope"), ("goodness", "good"),
        // Step 4.
        ("revival", "reviv"), ("allowance", "allow"), ("inference", "infer"), ("airliner", "airlin"),
        ("gyroscopic", "gyroscop"), ("adjustable", "adjust"), ("defensible", "defens"), ("irritant", "irrit"),
        ("replacement", "replac"), ("adjustment", "adjust"), ("dependent", "depend"), ("adoption", "adopt"),
        ("homologou", "homolog"), ("communism", "commun"), ("activate", "activ"), ("angulariti", "angular"),
        ("homologous", "homolog"), ("effective", "effect"), ("bowdlerize", "bowdler"),
        // Step 5.
        ("probate", "probat"), ("rate", "rate"), ("cease", "ceas"), ("controll", "control"), ("roll", "roll"),
        // Whole words and digits (which count as consonants).
        ("generalizations", "gener"), ("2020s", "2020"), ("ow", "ow"),
    ]

    @Test("stems", arguments: cases)
    func stem(word: String, stem: String) {
        let result = ASCIIPorterStemmer().stem(Array(word.utf8))
        #expect(String(decoding: result, as: UTF8.self) == stem)
    }
}
