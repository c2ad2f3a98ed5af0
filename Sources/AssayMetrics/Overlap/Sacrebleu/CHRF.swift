/// chrF and chrF++ with the same numbers as sacrebleu 2.6.0's `CHRF` metric.
///
/// References come as streams, as in sacrebleu: `references[k][i]` is the k-th reference
/// for hypothesis `i`. With several references a segment keeps the statistics of the
/// reference with the best segment-level score.
///
/// ```swift
/// let chrf = CHRF()                          // chrF2
/// let chrfPlusPlus = CHRF(wordOrder: 2)      // chrF2++
/// chrf.sentenceScore(hypothesis: "a cat", references: ["the cat"]).score
/// chrf.signature(referenceCount: 1)          // "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0"
/// ```
public struct CHRF: Hashable, Sendable {
    /// The character n-gram order (sacrebleu's `char_order`).
    public var characterOrder: Int
    /// The word n-gram order (sacrebleu's `word_order`); 2 gives chrF++.
    public var wordOrder: Int
    /// The weight of recall relative to precision.
    public var beta: Int
    /// Whether segments are lower-cased (Python `str.lower()`) first.
    public var lowercase: Bool
    /// Whether whitespace is kept inside character n-grams.
    public var whitespace: Bool
    /// Whether to average per-order F-scores with epsilon smoothing (chrF++.py, Moses and
    /// NLTK style) instead of sacrebleu's default effective-order averaging.
    public var epsilonSmoothing: Bool

    /// Creates a chrF configuration; the defaults are sacrebleu's `CHRF()`.
    ///
    /// - Parameters:
    ///   - characterOrder: Character n-gram order, at least 1 (default 6).
    ///   - wordOrder: Word n-gram order (default 0; 2 for chrF++).
    ///   - beta: Recall weight (default 2).
    ///   - lowercase: Lower-case segments first.
    ///   - whitespace: Keep whitespace in character n-grams.
    ///   - epsilonSmoothing: Use epsilon smoothing (signature `eff:no`).
    public init(
        characterOrder: Int = 6, wordOrder: Int = 0, beta: Int = 2, lowercase: Bool = false,
        whitespace: Bool = false, epsilonSmoothing: Bool = false
    ) {
        precondition(characterOrder >= 1 && wordOrder >= 0, "chrF needs a positive character order")
        self.characterOrder = characterOrder
        self.wordOrder = wordOrder
        self.beta = beta
        self.lowercase = lowercase
        self.whitespace = whitespace
        self.epsilonSmoothing = epsilonSmoothing
    }

    /// Scores a corpus: the statistics of all segments are added, then one score computed.
    ///
    /// - Parameters:
    ///   - hypotheses: The system outputs, one per segment.
    ///   - references: Reference streams, each parallel to `hypotheses`; only as many
    ///     segments are scored as the shortest of these arrays holds.
    /// - Returns: The corpus score.
    public func corpusScore(hypotheses: [String], references: [[String]]) -> CHRFScore {
        var evaluator = CHRFEvaluator(configuration: self)
        var total = [Int](repeating: 0, count: 3 * (characterOrder + wordOrder))
        var segmentReferences: [String] = []
        for index in 0..<BLEU.segmentCount(hypotheses, references) {
            segmentReferences.removeAll(keepingCapacity: true)
            for stream in references { segmentReferences.append(stream[index]) }
            let statistics = evaluator.statistics(hypothesis: hypotheses[index], references: segmentReferences)
            for position in total.indices { total[position] += statistics[position] }
        }
        return score(total)
    }

    /// Scores one hypothesis against its references.
    ///
    /// - Parameters:
    ///   - hypothesis: The system output.
    ///   - references: Its references (at least one).
    /// - Returns: The segment's score.
    public func sentenceScore(hypothesis: String, references: [String]) -> CHRFScore {
        var evaluator = CHRFEvaluator(configuration: self)
        return score(evaluator.statistics(hypothesis: hypothesis, references: references))
    }

    /// Scores each segment of a corpus on its own, sharing buffers between segments.
    ///
    /// - Parameters:
    ///   - hypotheses: The system outputs.
    ///   - references: Reference streams, each parallel to `hypotheses`.
    /// - Returns: One ``sentenceScore(hypothesis:references:)`` result per segment.
    public func sentenceScores(hypotheses: [String], references: [[String]]) -> [CHRFScore] {
        var evaluator = CHRFEvaluator(configuration: self)
        var segmentReferences: [String] = []
        return (0..<BLEU.segmentCount(hypotheses, references)).map { index in
            segmentReferences.removeAll(keepingCapacity: true)
            for stream in references { segmentReferences.append(stream[index]) }
            return score(evaluator.statistics(hypothesis: hypotheses[index], references: segmentReferences))
        }
    }

    /// sacrebleu's signature for this configuration.
    ///
    /// - Parameter referenceCount: References per segment, or `nil` for a variable number.
    /// - Returns: For example `nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0`.
    public func signature(referenceCount: Int?) -> String {
        SacrebleuSignature.format(referenceCount: referenceCount, fields: [
            "case": lowercase ? "lc" : "mixed",
            "eff": epsilonSmoothing ? "no" : "yes",
            "nc": String(characterOrder),
            "nw": String(wordOrder),
            "space": whitespace ? "yes" : "no",
        ])
    }

    private func score(_ statistics: [Int]) -> CHRFScore {
        CHRFScore(
            score: fScore(statistics), characterOrder: characterOrder, wordOrder: wordOrder, beta: beta)
    }
}
