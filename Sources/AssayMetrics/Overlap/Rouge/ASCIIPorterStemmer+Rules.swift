extension ASCIIPorterStemmer {
    /// A suffix rule: when a word ends with `suffix` and `condition` holds for the rest,
    /// the suffix becomes `replacement`.
    struct Rule: Sendable {
        /// When a rule may fire, judged on the stem left after removing the suffix.
        enum Condition: Sendable {
            case always
            case measureAboveZero
            case measureAboveOne
            case measureAboveOneAfterSOrT
            /// NLTK's `logi` rule: the stem plus the suffix's first letter has m > 0.
            case measureWithLetterAboveZero
        }

        let suffix: [UInt8]
        let replacement: [UInt8]
        let condition: Condition

        init(_ suffix: String, _ replacement: String, _ condition: Condition) {
            self.suffix = Array(suffix.utf8)
            self.replacement = Array(replacement.utf8)
            self.condition = condition
        }
    }

    static let step1aRules = [
        Rule("sses", "ss", .always), Rule("ies", "i", .always), Rule("ss", "ss", .always),
        Rule("s", "", .always),
    ]

    static let step2Rules = [
        Rule("ational", "ate", .measureAboveZero), Rule("tional", "tion", .measureAboveZero),
        Rule("enci", "ence", .measureAboveZero), Rule("anci", "ance", .measureAboveZero),
        Rule("izer", "ize", .measureAboveZero), Rule("bli", "ble", .measureAboveZero),
        Rule("alli", "al", .measureAboveZero), Rule("entli", "ent", .measureAboveZero),
        Rule("eli", "e", .measureAboveZero), Rule("ousli", "ous", .measureAboveZero),
        Rule("ization", "ize", .measureAboveZero), Rule("ation", "ate", .measureAboveZero),
        Rule("ator", "ate", .measureAboveZero), Rule("alism", "al", .measureAboveZero),
        Rule("iveness", "ive", .measureAboveZero), Rule("fulness", "ful", .measureAboveZero),
        Rule("ousness", "ous", .measureAboveZero), Rule("aliti", "al", .measureAboveZero),
        Rule("iviti", "ive", .measureAboveZero), Rule("biliti", "ble", .measureAboveZero),
        Rule("fulli", "ful", .measureAboveZero), Rule("logi", "log", .measureWithLetterAboveZero),
    ]

    static let step3Rules = [
        Rule("icate", "ic", .measureAboveZero), Rule("ative", "", .measureAboveZero),
        Rule("alize", "al", .measureAboveZero), Rule("iciti", "ic", .measureAboveZero),
        Rule("ical", "ic", .measureAboveZero), Rule("ful", "", .measureAboveZero),
        Rule("ness", "", .measureAboveZero),
    ]

    static let step4Rules = [
        Rule("al", "", .measureAboveOne), Rule("ance", "", .measureAboveOne),
        Rule("ence", "", .measureAboveOne), Rule("er", "", .measureAboveOne),
        Rule("ic", "", .measureAboveOne), Rule("able", "", .measureAboveOne),
        Rule("ible", "", .measureAboveOne), Rule("ant", "", .measureAboveOne),
        Rule("ement", "", .measureAboveOne), Rule("ment", "", .measureAboveOne),
        Rule("ent", "", .measureAboveOne), Rule("ion", "", .measureAboveOneAfterSOrT),
        Rule("ou", "", .measureAboveOne), Rule("ism", "", .measureAboveOne),
        Rule("ate", "", .measureAboveOne), Rule("iti", "", .measureAboveOne),
        Rule("ous", "", .measureAboveOne), Rule("ive", "", .measureAboveOne),
        Rule("ize", "", .measureAboveOne),
    ]

    /// NLTK's table of irregular forms, checked before any rule.
    static let irregularForms: [[UInt8]: [UInt8]] = {
        let forms = [
            "sky": ["sky", "skies"], "die": ["dying"], "lie": ["lying"], "tie": ["tying"],
            "news": ["news"], "inning": ["innings", "inning"], "outing": ["outings", "outing"],
            "canning": ["cannings", "canning"], "howe": ["howe"], "proceed": ["proceed"],
            "exceed": ["exceed"], "succeed": ["succeed"],
        ]
        var table: [[UInt8]: [UInt8]] = [:]
        for (stem, words) in forms {
            for word in words { table[Array(word.utf8)] = Array(stem.utf8) }
        }
        return table
    }()

    // MARK: - Consonants and measure

    @inline(__always)
    private func isVowel(_ byte: UInt8) -> Bool {
        byte == 0x61 || byte == 0x65 || byte == 0x69 || byte == 0x6F || byte == 0x75
    }

    /// Whether `word[index]` is a consonant: not a vowel, and a `y` only when the letter
    /// before it is a vowel (or it starts the word).
    func isConsonant(_ word: Word, _ index: Int) -> Bool {
        let letter = word[index]
        if isVowel(letter) { return false }
        guard letter == UInt8(ascii: "y") else { return true }
        var position = index
        var negate = false
        while position > 0, word[position] == UInt8(ascii: "y") {
            negate.toggle()
            position -= 1
        }
        return !isVowel(word[position]) != negate
    }

    /// Porter's measure m of `word[0..<length]`: the number of vowel-consonant transitions.
    func measure(_ word: Word, _ length: Int) -> Int {
        var measure = 0
        var previousIsConsonant = true
        for index in 0..<max(length, 0) {
            let letter = word[index]
            let consonant: Bool
            if isVowel(letter) {
                consonant = false
            } else if letter == UInt8(ascii: "y") {
                consonant = index == 0 ? true : !previousIsConsonant
            } else {
                consonant = true
            }
            if index > 0, !previousIsConsonant, consonant { measure += 1 }
            previousIsConsonant = consonant
        }
        return measure
    }

    /// Whether `word[0..<length]` contains a vowel.
    func containsVowel(_ word: Word, _ length: Int) -> Bool {
        var previousIsConsonant = true
        for index in 0..<max(length, 0) {
            let letter = word[index]
            let consonant: Bool
            if isVowel(letter) {
                consonant = false
            } else if letter == UInt8(ascii: "y") {
                consonant = index == 0 ? true : !previousIsConsonant
            } else {
                consonant = true
            }
            if !consonant { return true }
            previousIsConsonant = consonant
        }
        return false
    }

    /// Porter's *d: `word[0..<length]` ends with a double consonant.
    func endsWithDoubleConsonant(_ word: Word, _ length: Int) -> Bool {
        length >= 2 && word[length - 1] == word[length - 2] && isConsonant(word, length - 1)
    }

    /// Porter's *o (consonant, vowel, consonant other than w, x or y), plus NLTK's
    /// two-letter vowel-consonant case.
    func endsWithCVC(_ word: Word, _ length: Int) -> Bool {
        if length >= 3, isConsonant(word, length - 3), !isConsonant(word, length - 2),
            isConsonant(word, length - 1)
        {
            let last = word[length - 1]
            if last != UInt8(ascii: "w"), last != UInt8(ascii: "x"), last != UInt8(ascii: "y") {
                return true
            }
        }
        return length == 2 && !isConsonant(word, 0) && isConsonant(word, 1)
    }
}
