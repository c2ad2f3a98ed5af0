/// A WordNet synset: a set of words that share one meaning.
public struct WordNetSynset: Sendable, Hashable {
    /// The synset's type as written in its data file (`adjectiveSatellite` for `s`).
    public let partOfSpeech: WordNetPartOfSpeech
    /// The byte offset of the synset in its data file, which identifies it.
    public let offset: Int
    /// The names of the synset's lemmas in file order, as NLTK's `lemma.name()` gives them:
    /// case kept, words of a collocation joined by `_`, adjective markers such as `(p)` removed.
    public let lemmaNames: [String]

    /// Creates a synset value.
    ///
    /// - Parameters:
    ///   - partOfSpeech: The synset type.
    ///   - offset: The byte offset in the data file.
    ///   - lemmaNames: The lemma names in file order.
    public init(partOfSpeech: WordNetPartOfSpeech, offset: Int, lemmaNames: [String]) {
        self.partOfSpeech = partOfSpeech
        self.offset = offset
        self.lemmaNames = lemmaNames
    }
}
