import Foundation

/// The METEOR score of a hypothesis against references, as NLTK 3.10's
/// `nltk.translate.meteor_score.meteor_score` computes it.
///
/// Words are lower-cased (Python `str.lower()`), then aligned in three stages, each on the
/// words the previous stages left unmatched: identical words, identical Porter stems
/// (``PorterStemmer``), and WordNet synonyms (a reference word equal to a lemma name without
/// `_` of any synset of the hypothesis word). Within a stage hypothesis words are taken
/// from the last to the first, each matching the last still-unmatched reference word that
/// fits. As in NLTK, the synonym stage sees the stems the second stage produced.
/// With m matches, a hypothesis of t words and a reference of r words:
///
/// - P = m / t, R = m / r, Fmean = P·R / (α·P + (1 − α)·R)
/// - chunks = the number of runs of matches adjacent in both sentences,
///   penalty = γ · (chunks / m)^β
/// - score = (1 − penalty) · Fmean, and 0 when nothing matches or a side is empty.
///
/// With several references the best score counts.
///
/// ```swift
/// let meteor = Meteor()
/// let score = try meteor.score(
///     hypothesis: ["on", "the", "mat", "sat", "the", "cat"],
///     references: [["The", "cat", "sat", "on", "the", "mat"]])
/// // 0.5
/// ```
public struct Meteor: Sendable, Hashable {
    /// The weight of precision against recall in Fmean (NLTK's default 0.9).
    public var alpha: Double
    /// The exponent of the fragmentation penalty (NLTK's default 3).
    public var beta: Double
    /// The largest fragmentation penalty (NLTK's default 0.5).
    public var gamma: Double
    /// Where synonyms come from.
    public var wordNet: WordNet

    /// Creates a scorer with NLTK's defaults.
    ///
    /// - Parameters:
    ///   - wordNet: The WordNet 3.0 database; defaults to Debian's `wordnet-base` location.
    ///   - alpha: Precision weight in Fmean.
    ///   - beta: Fragmentation penalty exponent.
    ///   - gamma: Fragmentation penalty weight.
    public init(wordNet: WordNet = WordNet(), alpha: Double = 0.9, beta: Double = 3, gamma: Double = 0.5) {
        self.wordNet = wordNet
        self.alpha = alpha
        self.beta = beta
        self.gamma = gamma
    }

    /// The best score of a tokenized hypothesis over tokenized references.
    ///
    /// - Parameters:
    ///   - hypothesis: The hypothesis tokens.
    ///   - references: One token list per reference.
    /// - Returns: The highest single-reference score, or 0 when there are no references.
    /// - Throws: ``WordNetError`` when WordNet 3.0 cannot be loaded.
    public func score(hypothesis: [String], references: [[String]]) throws(WordNetError) -> Double {
        let database = try wordNet.database()
        let hypothesisWords = Self.preprocess(hypothesis)
        var best: Double?
        for reference in references {
            let score = try score(hypothesisWords, Self.preprocess(reference), database)
            best = max(best ?? score, score)
        }
        return best ?? 0
    }

    /// The score of a tokenized hypothesis against one tokenized reference
    /// (NLTK's `single_meteor_score`).
    ///
    /// - Parameters:
    ///   - hypothesis: The hypothesis tokens.
    ///   - reference: The reference tokens.
    /// - Returns: The score in [0, 1].
    /// - Throws: ``WordNetError`` when WordNet 3.0 cannot be loaded.
    public func score(hypothesis: [String], reference: [String]) throws(WordNetError) -> Double {
        try score(hypothesis: hypothesis, references: [reference])
    }

    /// The best score of a hypothesis text over reference texts, tokenized with
    /// ``MeteorTokenizer`` (Python's `re.findall(r"\w+|[^\w\s]", text)`).
    ///
    /// - Parameters:
    ///   - hypothesis: The hypothesis text.
    ///   - references: The reference texts.
    /// - Returns: The highest single-reference score, or 0 when there are no references.
    /// - Throws: ``WordNetError`` when WordNet 3.0 cannot be loaded.
    public func score(hypothesis: String, references: [String]) throws(WordNetError) -> Double {
        try score(
            hypothesis: MeteorTokenizer.tokenize(hypothesis),
            references: references.map(MeteorTokenizer.tokenize)
        )
    }

    private static func preprocess(_ tokens: [String]) -> [[Unicode.Scalar]] {
        tokens.map { PythonString.lowercased(Array($0.unicodeScalars)) }
    }

    private func score(
        _ hypothesis: [[Unicode.Scalar]], _ reference: [[Unicode.Scalar]], _ database: WordNetDatabase
    ) throws(WordNetError) -> Double {
        let aligner = MeteorAligner(stemmer: PorterStemmer(), database: database)
        let matches = try aligner.align(hypothesis: hypothesis, reference: reference)
        guard !matches.isEmpty else { return 0 }
        let matchCount = Double(matches.count)
        let precision = matchCount / Double(hypothesis.count)
        let recall = matchCount / Double(reference.count)
        let fmean = (precision * recall) / (alpha * precision + (1 - alpha) * recall)
        let fragmentation = Double(MeteorAligner.chunkCount(matches)) / matchCount
        let penalty = gamma * pow(fragmentation, beta)
        return (1 - penalty) * fmean
    }
}
