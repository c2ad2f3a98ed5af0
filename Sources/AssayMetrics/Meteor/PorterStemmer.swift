/// The Porter stemmer with NLTK's extensions, giving the same stems as NLTK's
/// `PorterStemmer()` (mode `NLTK_EXTENSIONS`).
///
/// This is Porter's 1980 algorithm with Martin Porter's later amendments and NLTK's
/// additions: a table of irregular forms (`skies` → `sky`, `dying` → `die`, …), words of
/// one or two characters left alone, `ies`/`ied` on four-letter words kept as `ie`
/// (`dies` → `die`), `y` → `i` only after a consonant that is not the first letter,
/// `alli` handled before the other step-2 rules, and the `fulli` and `logi` rules.
/// The word is lower-cased first (Python `str.lower()` semantics). It works on Unicode
/// scalars, as NLTK works on code points; only ASCII vowels count as vowels.
///
/// ```swift
/// let stemmer = PorterStemmer()
/// stemmer.stem("running")      // "run"
/// stemmer.stem("Generalizations") // "gener"
/// ```
public struct PorterStemmer: Sendable, Hashable {
    typealias Word = [Unicode.Scalar]

    /// Creates a stemmer.
    public init() {}

    /// Returns the stem of `word`.
    ///
    /// - Parameter word: A single word; it is lower-cased before stemming.
    /// - Returns: The stem, lower-cased.
    public func stem(_ word: String) -> String {
        String(String.UnicodeScalarView(stem(scalars: Array(word.unicodeScalars))))
    }

    /// Returns the stem of a word given as Unicode scalars.
    func stem(scalars word: Word) -> Word {
        let lowered = PythonString.lowercased(word)
        // NLTK looks the original word up in the irregular forms; every key is lower case.
        if let irregular = Self.irregularForms[word] {
            return irregular
        }
        // Words of one or two characters (before lower-casing) are not stemmed.
        if word.count <= 2 {
            return lowered
        }
        var stem = step1a(lowered)
        stem = step1b(stem)
        stem = step1c(stem)
        stem = step2(stem)
        stem = step3(stem)
        stem = step4(stem)
        stem = step5a(stem)
        return step5b(stem)
    }

    // MARK: - Steps

    private func step1a(_ word: Word) -> Word {
        // NLTK: "flies" -> "fli", but "dies" -> "die".
        if word.count == 4, Self.ends(word, with: Self.ies) {
            return Array(word.dropLast(3)) + Self.ie
        }
        return applyFirstRule(to: word, Self.step1aRules)
    }

    private func step1b(_ word: Word) -> Word {
        // NLTK: "spied" -> "spi", but "died" -> "die".
        if Self.ends(word, with: Self.ied) {
            return Array(word.dropLast(3)) + (word.count == 4 ? Self.ie : Self.i)
        }
        if Self.ends(word, with: Self.eed) {
            let stem = Array(word.dropLast(3))
            return measure(stem) > 0 ? stem + Self.ee : word
        }
        for suffix in [Self.ed, Self.ing] where Self.ends(word, with: suffix) {
            let stem = Array(word.dropLast(suffix.count))
            if containsVowel(stem) {
                return applyFirstRule(to: stem, Self.step1bRules)
            }
        }
        return word
    }

    private func step1c(_ word: Word) -> Word {
        applyFirstRule(to: word, Self.step1cRules)
    }

    private func step2(_ word: Word) -> Word {
        // NLTK applies ALLI -> AL first and, when it fires, runs step 2 again.
        if Self.ends(word, with: Self.alli), hasPositiveMeasure(Array(word.dropLast(4))) {
            return step2(Array(word.dropLast(4)) + Self.al)
        }
        return applyFirstRule(to: word, Self.step2Rules)
    }

    private func step3(_ word: Word) -> Word {
        applyFirstRule(to: word, Self.step3Rules)
    }

    private func step4(_ word: Word) -> Word {
        applyFirstRule(to: word, Self.step4Rules)
    }

    private func step5a(_ word: Word) -> Word {
        // Both E rules are tried, so the rule list helper does not apply here.
        guard word.last == "e" else { return word }
        let stem = Array(word.dropLast())
        let stemMeasure = measure(stem)
        if stemMeasure > 1 || (stemMeasure == 1 && !endsConsonantVowelConsonant(stem)) {
            return stem
        }
        return word
    }

    private func step5b(_ word: Word) -> Word {
        applyFirstRule(to: word, Self.step5bRules)
    }

    // MARK: - Rule tables, in NLTK's order

    private static let step1aRules = [Rule("sses", "ss"), Rule("ies", "i"), Rule("ss", "ss"), Rule("s", "")]

    private static let step1bRules = [
        Rule("at", "ate"), Rule("bl", "ble"), Rule("iz", "ize"), Rule.doubleConsonant,
        Rule("", "e", .measureOneEndingConsonantVowelConsonant),
    ]

    private static let step1cRules = [Rule("y", "i", .endsInConsonantAfterFirstLetter)]

    private static let step2Rules = [
        Rule("ational", "ate", .positiveMeasure), Rule("tional", "tion", .positiveMeasure),
        Rule("enci", "ence", .positiveMeasure), Rule("anci", "ance", .positiveMeasure),
        Rule("izer", "ize", .positiveMeasure), Rule("bli", "ble", .positiveMeasure),
        Rule("alli", "al", .positiveMeasure), Rule("entli", "ent", .positiveMeasure),
        Rule("eli", "e", .positiveMeasure), Rule("ousli", "ous", .positiveMeasure),
        Rule("ization", "ize", .positiveMeasure), Rule("ation", "ate", .positiveMeasure),
        Rule("ator", "ate", .positiveMeasure), Rule("alism", "al", .positiveMeasure),
        Rule("iveness", "ive", .positiveMeasure), Rule("fulness", "ful", .positiveMeasure),
        Rule("ousness", "ous", .positiveMeasure), Rule("aliti", "al", .positiveMeasure),
        Rule("iviti", "ive", .positiveMeasure), Rule("biliti", "ble", .positiveMeasure),
        Rule("fulli", "ful", .positiveMeasure),
        // The 'l' of 'logi' stays with the stem, so 'geo', 'theo' work like 'philo'.
        Rule("logi", "log", .wordWithoutOGIHasPositiveMeasure),
    ]

    private static let step3Rules = [
        Rule("icate", "ic", .positiveMeasure), Rule("ative", "", .positiveMeasure),
        Rule("alize", "al", .positiveMeasure), Rule("iciti", "ic", .positiveMeasure),
        Rule("ical", "ic", .positiveMeasure), Rule("ful", "", .positiveMeasure),
        Rule("ness", "", .positiveMeasure),
    ]

    private static let step4Rules = [
        Rule("al", "", .measureAboveOne), Rule("ance", "", .measureAboveOne),
        Rule("ence", "", .measureAboveOne), Rule("er", "", .measureAboveOne),
        Rule("ic", "", .measureAboveOne), Rule("able", "", .measureAboveOne),
        Rule("ible", "", .measureAboveOne), Rule("ant", "", .measureAboveOne),
        Rule("ement", "", .measureAboveOne), Rule("ment", "", .measureAboveOne),
        Rule("ent", "", .measureAboveOne), Rule("ion", "", .measureAboveOneEndingInSOrT),
        Rule("ou", "", .measureAboveOne), Rule("ism", "", .measureAboveOne),
        Rule("ate", "", .measureAboveOne), Rule("iti", "", .measureAboveOne),
        Rule("ous", "", .measureAboveOne), Rule("ive", "", .measureAboveOne),
        Rule("ize", "", .measureAboveOne),
    ]

    private static let step5bRules = [Rule("ll", "l", .wordWithoutLastLetterHasMeasureAboveOne)]
}
