/// A WordNet part of speech, spelled with WordNet's one-letter codes.
public enum WordNetPartOfSpeech: String, Sendable, Hashable, CaseIterable {
    /// Nouns (`n`, files `index.noun` and `data.noun`).
    case noun = "n"
    /// Verbs (`v`, files `index.verb` and `data.verb`).
    case verb = "v"
    /// Adjectives (`a`, files `index.adj` and `data.adj`).
    case adjective = "a"
    /// Adjective satellites (`s`): stored with the adjectives, never looked up on their own.
    case adjectiveSatellite = "s"
    /// Adverbs (`r`, files `index.adv` and `data.adv`).
    case adverb = "r"

    /// The parts of speech a lookup without one searches, in NLTK's order (`POS_LIST`).
    public static let lookupOrder: [WordNetPartOfSpeech] = [.noun, .verb, .adjective, .adverb]

    /// The file name suffix WordNet uses (`noun`, `verb`, `adj`, `adv`).
    var fileSuffix: String {
        switch self {
        case .noun: "noun"
        case .verb: "verb"
        case .adjective, .adjectiveSatellite: "adj"
        case .adverb: "adv"
        }
    }
}
