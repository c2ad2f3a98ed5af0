/// NLTK's Porter stemmer (`PorterStemmer()`, mode `NLTK_EXTENSIONS`) for lower-case ASCII
/// words, as rouge-score applies it to its `[a-z0-9]` tokens.
///
/// This is Porter's 1980 algorithm with the amendments NLTK makes by default: a table of
/// irregular forms, words of at most two letters left alone, four-letter `ies`/`ied` words
/// kept as `ie`, step 1c's `y` → `i` only after a consonant that is not the first letter,
/// `alli` tried before the other step-2 rules, and the extra `fulli` and `logi` rules.
/// Digits count as consonants, as they do in NLTK. Working on bytes keeps ROUGE's hot
/// loop free of `String` allocations; callers cache the stem of each distinct token.
struct ASCIIPorterStemmer: Sendable {
    typealias Word = [UInt8]

    /// Returns the stem of a lower-case ASCII word.
    func stem(_ word: Word) -> Word {
        if let irregular = Self.irregularForms[word] { return irregular }
        if word.count <= 2 { return word }
        var stem = step1a(word)
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
        // NLTK: "flies" -> "fli" but "dies" -> "die".
        if word.count == 4, word.hasSuffix("ies") { return Array(word.dropLast(3)) + Array("ie".utf8) }
        return apply(Self.step1aRules, to: word)
    }

    private func step1b(_ word: Word) -> Word {
        // NLTK: "spied" -> "spi" but "died" -> "die".
        if word.hasSuffix("ied") {
            return Array(word.dropLast(3)) + Array((word.count == 4 ? "ie" : "i").utf8)
        }
        if word.hasSuffix("eed") {
            return measure(word, word.count - 3) > 0 ? Array(word.dropLast(1)) : word
        }
        let stem: Word
        if word.hasSuffix("ed"), containsVowel(word, word.count - 2) {
            stem = Array(word.dropLast(2))
        } else if word.hasSuffix("ing"), containsVowel(word, word.count - 3) {
            stem = Array(word.dropLast(3))
        } else {
            return word
        }
        // AT -> ATE, BL -> BLE, IZ -> IZE; the first matching rule decides.
        let endings: [StaticString] = ["at", "bl", "iz"]
        for ending in endings where stem.hasSuffix(ending) {
            return stem + [UInt8(ascii: "e")]
        }
        // (*d and not (*L or *S or *Z)) -> single letter
        if endsWithDoubleConsonant(stem, stem.count) {
            let last = stem[stem.count - 1]
            let keepsPair = last == UInt8(ascii: "l") || last == UInt8(ascii: "s") || last == UInt8(ascii: "z")
            return keepsPair ? stem : Array(stem.dropLast(1))
        }
        // (m=1 and *o) -> E
        if measure(stem, stem.count) == 1, endsWithCVC(stem, stem.count) {
            return stem + [UInt8(ascii: "e")]
        }
        return stem
    }

    private func step1c(_ word: Word) -> Word {
        // NLTK: y -> i only when preceded by a consonant that is not the first letter.
        guard word.hasSuffix("y") else { return word }
        let stemLength = word.count - 1
        guard stemLength > 1, isConsonant(word, stemLength - 1) else { return word }
        return Array(word.dropLast(1)) + [UInt8(ascii: "i")]
    }

    private func step2(_ word: Word) -> Word {
        // NLTK applies ALLI -> AL first and, if it fires, runs step 2 again.
        if word.hasSuffix("alli"), measure(word, word.count - 4) > 0 {
            return step2(Array(word.dropLast(2)))
        }
        return apply(Self.step2Rules, to: word)
    }

    private func step3(_ word: Word) -> Word {
        apply(Self.step3Rules, to: word)
    }

    private func step4(_ word: Word) -> Word {
        apply(Self.step4Rules, to: word)
    }

    private func step5a(_ word: Word) -> Word {
        // Both conditions are tried for the one suffix, so this is not a rule list.
        guard word.hasSuffix("e") else { return word }
        let stemLength = word.count - 1
        let stemMeasure = measure(word, stemLength)
        if stemMeasure > 1 || (stemMeasure == 1 && !endsWithCVC(word, stemLength)) {
            return Array(word.dropLast(1))
        }
        return word
    }

    private func step5b(_ word: Word) -> Word {
        // (m > 1 and *d and *L) -> single letter; NLTK measures the word less one letter.
        guard word.hasSuffix("ll") else { return word }
        return measure(word, word.count - 1) > 1 ? Array(word.dropLast(1)) : word
    }

    /// Applies the first rule whose suffix the word ends with; if its condition fails the
    /// word is returned unchanged and no later rule is tried.
    private func apply(_ rules: [Rule], to word: Word) -> Word {
        for rule in rules where word.hasSuffix(rule.suffix) {
            let stemLength = word.count - rule.suffix.count
            guard holds(rule.condition, word, stemLength) else { return word }
            return Array(word.prefix(stemLength)) + rule.replacement
        }
        return word
    }

    private func holds(_ condition: Rule.Condition, _ word: Word, _ stemLength: Int) -> Bool {
        switch condition {
        case .always:
            return true
        case .measureAboveZero:
            return measure(word, stemLength) > 0
        case .measureAboveOne:
            return measure(word, stemLength) > 1
        case .measureAboveOneAfterSOrT:
            guard measure(word, stemLength) > 1 else { return false }
            let last = word[stemLength - 1]
            return last == UInt8(ascii: "s") || last == UInt8(ascii: "t")
        case .measureWithLetterAboveZero:
            // The 'l' of 'logi' stays with the stem so that 'geo', 'theo' etc. work.
            return measure(word, stemLength + 1) > 0
        }
    }
}

extension Array where Element == UInt8 {
    /// Whether the bytes end with the ASCII text `suffix`.
    @inline(__always)
    fileprivate func hasSuffix(_ suffix: StaticString) -> Bool {
        let length = suffix.utf8CodeUnitCount
        guard count >= length else { return false }
        return suffix.withUTF8Buffer { suffixBytes in
            var index = 0
            while index < length {
                if self[count - length + index] != suffixBytes[index] { return false }
                index += 1
            }
            return true
        }
    }

    /// Whether the bytes end with `suffix`.
    @inline(__always)
    fileprivate func hasSuffix(_ suffix: [UInt8]) -> Bool {
        guard count >= suffix.count else { return false }
        var index = 0
        while index < suffix.count {
            if self[count - suffix.count + index] != suffix[index] { return false }
            index += 1
        }
        return true
    }
}
