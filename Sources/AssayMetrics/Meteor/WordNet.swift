/// Read access to the WordNet 3.0 lexical database, answering as NLTK's `wordnet` corpus
/// reader does.
///
/// The files (`index.*`, `data.*`, `*.exc`) are read from a directory at run time; by
/// default the one Debian's `wordnet-base` package installs. They are memory-mapped and
/// indexed on first use, once per process and directory, and shared by all values.
///
/// ```swift
/// let wordNet = WordNet()
/// let names = try wordNet.synsets("dogs").flatMap(\.lemmaNames)
/// // ["dog", "domestic_dog", "Canis_familiaris", "frump", "dog", ...]
/// ```
public struct WordNet: Sendable, Hashable {
    /// Where Debian's `wordnet-base` package installs WordNet 3.0.
    public static let debianDirectory = "/usr/share/wordnet"

    /// The directory holding the WordNet dictionary files.
    public let directory: String

    /// Names a WordNet directory; nothing is read until the first lookup.
    ///
    /// - Parameter directory: The directory with `index.noun`, `data.noun`, `noun.exc` and
    ///   the same for verbs, adjectives and adverbs (what `$WNHOME/dict` holds in a
    ///   Princeton installation). Defaults to ``debianDirectory``.
    public init(directory: String = WordNet.debianDirectory) {
        self.directory = directory
    }

    /// Loads the database now rather than on first lookup.
    ///
    /// - Throws: ``WordNetError`` when the files are missing, not version 3.0 or malformed.
    public func load() throws(WordNetError) {
        _ = try database()
    }

    /// The synsets of a word in every part of speech, as NLTK's `wordnet.synsets(word)`.
    ///
    /// The word is lower-cased and reduced to its base forms with WordNet's morphy (the
    /// exception lists, then the detachment rules), for nouns, verbs, adjectives and
    /// adverbs in that order; each base form contributes its synsets in index order.
    ///
    /// - Parameter word: A word or collocation (`ice_cream`), in any case.
    /// - Returns: The synsets, possibly with repeats across base forms, as NLTK returns them.
    /// - Throws: ``WordNetError`` when the database cannot be loaded.
    public func synsets(_ word: String) throws(WordNetError) -> [WordNetSynset] {
        let database = try database()
        return try database.synsetLocations(of: Array(word.unicodeScalars)).map {
            (pos, offset) throws(WordNetError) in
            let lemmas = try database.section(pos).data.synsetLemmas(at: offset)
            return WordNetSynset(
                partOfSpeech: WordNetPartOfSpeech(rawValue: String(UnicodeScalar(lemmas.type))) ?? pos,
                offset: offset,
                lemmaNames: lemmas.lemmaNames.map { String(decoding: $0, as: UTF8.self) }
            )
        }
    }

    /// The base forms of `form` that WordNet lists for a part of speech, as NLTK's
    /// `wordnet._morphy(form, pos)`.
    ///
    /// - Parameters:
    ///   - form: An inflected or base form, already in lower case.
    ///   - partOfSpeech: The part of speech whose rules and index are used.
    /// - Returns: The base forms with index entries, most direct first.
    /// - Throws: ``WordNetError`` when the database cannot be loaded.
    public func morphy(_ form: String, as partOfSpeech: WordNetPartOfSpeech) throws(WordNetError) -> [String] {
        try database().morphy(Array(form.utf8), partOfSpeech).map { String(decoding: $0, as: UTF8.self) }
    }

    func database() throws(WordNetError) -> WordNetDatabase {
        try WordNetRegistry.shared.database(directory: directory)
    }
}
