extension PorterStemmer {
    /// When a rule may fire, judged on the stem left after removing its suffix (and, for
    /// a few NLTK rules, on the whole word).
    enum Condition {
        case always
        case positiveMeasure
        case measureAboveOne
        /// (m > 1 and (*S or *T)), for -ION.
        case measureAboveOneEndingInSOrT
        /// NLTK's y → i condition: the stem is longer than one letter and ends in a consonant.
        case endsInConsonantAfterFirstLetter
        /// (m = 1 and *o), for restoring an E.
        case measureOneEndingConsonantVowelConsonant
        /// NLTK's LOGI rule: the word without "ogi" has a positive measure.
        case wordWithoutOGIHasPositiveMeasure
        /// Step 5b: the word without its last L has a measure above one.
        case wordWithoutLastLetterHasMeasureAboveOne
        /// Step 1b's double-consonant rule: the last letter is not L, S or Z.
        case wordDoesNotEndInLSOrZ
    }

    /// A suffix-removal rule: when the word ends with `suffix`, the stem (the word without
    /// it) gets `replacement` appended if `condition` holds.
    struct Rule {
        let suffix: Word
        let replacement: Word
        let condition: Condition
        /// Porter's `*d` rule: the suffix is any double consonant, and the replacement is
        /// one of its letters.
        let isDoubleConsonant: Bool

        init(_ suffix: String, _ replacement: String, _ condition: Condition = .always) {
            self.suffix = Array(suffix.unicodeScalars)
            self.replacement = Array(replacement.unicodeScalars)
            self.condition = condition
            self.isDoubleConsonant = false
        }

        /// NLTK spells this rule's suffix "*d"; a word that literally ends in "*d" also
        /// matches it, which is kept for fidelity.
        static let doubleConsonant = Rule(
            suffix: Array("*d".unicodeScalars), condition: .wordDoesNotEndInLSOrZ, isDoubleConsonant: true)

        private init(suffix: Word, condition: Condition, isDoubleConsonant: Bool) {
            self.suffix = suffix
            self.replacement = []
            self.condition = condition
            self.isDoubleConsonant = isDoubleConsonant
        }
    }

    /// Applies the first rule whose suffix matches; if its condition fails, no later rule
    /// is tried and the word is returned unchanged.
    func applyFirstRule(to word: Word, _ rules: [Rule]) -> Word {
        for rule in rules {
            let matches = rule.isDoubleConsonant && endsDoubleConsonant(word)
            guard matches || Self.ends(word, with: rule.suffix) else { continue }
            let stem = Array(word.dropLast(rule.suffix.count))
            guard holds(rule.condition, stem: stem, word: word) else { return word }
            // The double-consonant rule puts back the word's last letter.
            return stem + (rule.isDoubleConsonant ? [word[word.count - 1]] : rule.replacement)
        }
        return word
    }

    private func holds(_ condition: Condition, stem: Word, word: Word) -> Bool {
        switch condition {
        case .always:
            return true
        case .positiveMeasure:
            return measure(stem) > 0
        case .measureAboveOne:
            return measure(stem) > 1
        case .measureAboveOneEndingInSOrT:
            return measure(stem) > 1 && (stem.last == "s" || stem.last == "t")
        case .endsInConsonantAfterFirstLetter:
            return stem.count > 1 && isConsonant(stem, stem.count - 1)
        case .measureOneEndingConsonantVowelConsonant:
            return measure(stem) == 1 && endsConsonantVowelConsonant(stem)
        case .wordWithoutOGIHasPositiveMeasure:
            return measure(Array(word.dropLast(3))) > 0
        case .wordWithoutLastLetterHasMeasureAboveOne:
            return measure(Array(word.dropLast())) > 1
        case .wordDoesNotEndInLSOrZ:
            return !["l", "s", "z"].contains(word.last)
        }
    }

    /// Whether `word[index]` is a consonant: not a, e, i, o or u, and not a `y` that
    /// follows a consonant.
    func isConsonant(_ word: Word, _ index: Int) -> Bool {
        let letter = word[index]
        if Self.vowels.contains(letter) {
            return false
        }
        guard letter == "y" else { return true }
        // A run of y's alternates consonant/vowel from the letter before the run
        // (NLTK recurses; this is the same rule without the recursion).
        var start = index
        while start > 0, word[start - 1] == "y" {
            start -= 1
        }
        let firstIsConsonant = start == 0 ? true : !isConsonant(word, start - 1)
        return (index - start).isMultiple(of: 2) ? firstIsConsonant : !firstIsConsonant
    }

    /// Porter's measure m: the number of vowel-consonant sequences in the word.
    func measure(_ word: Word) -> Int {
        var count = 0
        var previousIsVowel = false
        for index in word.indices {
            let consonant = isConsonant(word, index)
            if consonant, previousIsVowel {
                count += 1
            }
            previousIsVowel = !consonant
        }
        return count
    }

    func hasPositiveMeasure(_ word: Word) -> Bool {
        measure(word) > 0
    }

    func containsVowel(_ word: Word) -> Bool {
        word.indices.contains { !isConsonant(word, $0) }
    }

    /// Porter's `*d`: the word ends with a double consonant.
    func endsDoubleConsonant(_ word: Word) -> Bool {
        word.count >= 2 && word[word.count - 1] == word[word.count - 2]
            && isConsonant(word, word.count - 1)
    }

    /// Porter's `*o` (consonant-vowel-consonant, last not w, x or y) plus NLTK's
    /// two-letter vowel-consonant case.
    func endsConsonantVowelConsonant(_ word: Word) -> Bool {
        let count = word.count
        if count >= 3, isConsonant(word, count - 3), !isConsonant(word, count - 2),
            isConsonant(word, count - 1), !["w", "x", "y"].contains(word[count - 1])
        {
            return true
        }
        return count == 2 && !isConsonant(word, 0) && isConsonant(word, 1)
    }

    /// Whether `word` ends with `suffix`, code point by code point.
    static func ends(_ word: Word, with suffix: Word) -> Bool {
        word.count >= suffix.count && word[(word.count - suffix.count)...].elementsEqual(suffix)
    }

    static let vowels: Set<Unicode.Scalar> = ["a", "e", "i", "o", "u"]
    static let ies = Array("ies".unicodeScalars)
    static let ied = Array("ied".unicodeScalars)
    static let ie = Array("ie".unicodeScalars)
    static let i = Array("i".unicodeScalars)
    static let eed = Array("eed".unicodeScalars)
    static let ee = Array("ee".unicodeScalars)
    static let ed = Array("ed".unicodeScalars)
    static let ing = Array("ing".unicodeScalars)
    static let alli = Array("alli".unicodeScalars)
    static let al = Array("al".unicodeScalars)

    /// NLTK's irregular forms, mapped to their stems before any rule runs.
    static let irregularForms: [Word: Word] = {
        let table: [String: [String]] = [
            "sky": ["sky", "skies"],
            "die": ["dying"],
            "lie": ["lying"],
            "tie": ["tying"],
            "news": ["news"],
            "inning": ["innings", "inning"],
            "outing": ["outings", "outing"],
            "canning": ["cannings", "canning"],
            "howe": ["howe"],
            "proceed": ["proceed"],
            "exceed": ["exceed"],
            "succeed": ["succeed"],
        ]
        var forms: [Word: Word] = [:]
        for (stem, words) in table {
            for word in words {
                forms[Array(word.unicodeScalars)] = Array(stem.unicodeScalars)
            }
        }
        return forms
    }()
}

