/// METEOR's word alignment, stage by stage, exactly as NLTK orders it.
struct MeteorAligner {
    typealias Word = [Unicode.Scalar]
    /// A word with its position in the original sentence.
    typealias Entry = (position: Int, word: Word)
    /// (hypothesis position, reference position).
    typealias Match = (hypothesis: Int, reference: Int)

    let stemmer: PorterStemmer
    let database: WordNetDatabase

    /// The matches of all three stages, sorted by hypothesis position.
    func align(hypothesis: [Word], reference: [Word]) throws(WordNetError) -> [Match] {
        var hypothesisLeft: [Entry] = hypothesis.enumerated().map { ($0.offset, $0.element) }
        var referenceLeft: [Entry] = reference.enumerated().map { ($0.offset, $0.element) }
        var matches = Self.matchEqual(&hypothesisLeft, &referenceLeft)

        // The unmatched words are replaced by their stems, and stay stems for stage three.
        hypothesisLeft = hypothesisLeft.map { ($0.position, stemmer.stem(scalars: $0.word)) }
        referenceLeft = referenceLeft.map { ($0.position, stemmer.stem(scalars: $0.word)) }
        matches += Self.matchEqual(&hypothesisLeft, &referenceLeft)

        matches += try matchSynonyms(&hypothesisLeft, &referenceLeft)
        return matches.sorted { $0.hypothesis < $1.hypothesis }
    }

    /// NLTK's `_match_enums`: each hypothesis word, last first, takes the last equal
    /// reference word still unmatched.
    static func matchEqual(_ hypothesis: inout [Entry], _ reference: inout [Entry]) -> [Match] {
        var matches: [Match] = []
        for i in hypothesis.indices.reversed() {
            for j in reference.indices.reversed() where hypothesis[i].word == reference[j].word {
                matches.append((hypothesis[i].position, reference[j].position))
                hypothesis.remove(at: i)
                reference.remove(at: j)
                break
            }
        }
        return matches
    }

    /// NLTK's `_enum_wordnetsyn_match`: as ``matchEqual(_:_:)``, but a reference word also
    /// matches when it is a lemma name (without `_`) of a synset of the hypothesis word.
    private func matchSynonyms(_ hypothesis: inout [Entry], _ reference: inout [Entry]) throws(WordNetError) -> [Match] {
        var matches: [Match] = []
        var referenceBytes = reference.map { Self.utf8($0.word) }
        for i in hypothesis.indices.reversed() where !reference.isEmpty {
            let word = hypothesis[i].word
            // NLTK's set is the lemma names plus the word itself.
            let synonyms = try database.singleWordLemmaNames(of: word)
            let itself = Self.utf8(word)
            for j in reference.indices.reversed()
            where referenceBytes[j] == itself || synonyms.contains(referenceBytes[j]) {
                matches.append((hypothesis[i].position, reference[j].position))
                hypothesis.remove(at: i)
                reference.remove(at: j)
                referenceBytes.remove(at: j)
                break
            }
        }
        return matches
    }

    /// NLTK's `_count_chunks`: runs of matches adjacent in both sentences.
    static func chunkCount(_ matches: [Match]) -> Int {
        var chunks = 1
        for index in matches.indices.dropLast() {
            let current = matches[index]
            let next = matches[index + 1]
            if !(next.hypothesis == current.hypothesis + 1 && next.reference == current.reference + 1) {
                chunks += 1
            }
        }
        return chunks
    }

    private static func utf8(_ word: Word) -> [UInt8] {
        Array(String(String.UnicodeScalarView(word)).utf8)
    }
}
