/// BLEU with the same numbers as sacrebleu 2.6.0's `BLEU` metric.
///
/// References come as streams, as in sacrebleu: `references[k][i]` is the k-th reference
/// for hypothesis `i`, and every stream runs parallel to the hypotheses.
///
/// ```swift
/// let bleu = BLEU()
/// let result = bleu.corpusScore(
///     hypotheses: ["The dog bit the man.", "It wasn't surprising."],
///     references: [["The dog bit the man.", "It was not unexpected."]])
/// result.score                            // 0–100
/// bleu.signature(referenceCount: 1)       // "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0"
/// ```
public struct BLEU: Hashable, Sendable {
    /// Whether segments are lower-cased (Python `str.lower()`) before tokenizing.
    public var lowercase: Bool
    /// The tokenizer applied to every segment.
    public var tokenizer: Tokenizer
    /// The smoothing method.
    public var smoothing: Smoothing
    /// The highest n-gram order counted (sacrebleu's `max_ngram_order`).
    public var maxNGramOrder: Int
    /// Whether orders with no hypothesis n-grams are left out of the geometric mean, as
    /// sentence-level BLEU should do.
    public var effectiveOrder: Bool

    /// Creates a BLEU configuration; the defaults are sacrebleu's `BLEU()`.
    ///
    /// - Parameters:
    ///   - lowercase: Lower-case segments first (signature `case:lc`).
    ///   - tokenizer: The tokenizer (default `13a`).
    ///   - smoothing: The smoothing method (default `exp`).
    ///   - maxNGramOrder: The highest n-gram order, at least 1 (default 4).
    ///   - effectiveOrder: Leave out orders without hypothesis n-grams. sacrebleu's
    ///     `BLEU()` defaults to `false`; its `sentence_bleu` function uses `true` (see
    ///     ``sentenceLevel``).
    public init(
        lowercase: Bool = false, tokenizer: Tokenizer = .thirteenA, smoothing: Smoothing = .exponential,
        maxNGramOrder: Int = 4, effectiveOrder: Bool = false
    ) {
        precondition(maxNGramOrder >= 1, "BLEU needs a maximum n-gram order of at least 1")
        self.lowercase = lowercase
        self.tokenizer = tokenizer
        self.smoothing = smoothing
        self.maxNGramOrder = maxNGramOrder
        self.effectiveOrder = effectiveOrder
    }

    /// sacrebleu's `sentence_bleu` defaults: `13a`, `exp` smoothing and effective order.
    public static let sentenceLevel = BLEU(effectiveOrder: true)

    /// Scores a corpus: the statistics of all segments are added, then one score computed.
    ///
    /// - Parameters:
    ///   - hypotheses: The system outputs, one per segment.
    ///   - references: Reference streams, each parallel to `hypotheses`. As in sacrebleu,
    ///     only as many segments are scored as the shortest of these arrays holds.
    /// - Returns: The corpus score with its statistics.
    public func corpusScore(hypotheses: [String], references: [[String]]) -> BLEUScore {
        score(from: corpusStatistics(hypotheses: hypotheses, references: references))
    }

    /// The summed statistics of a corpus, from which ``score(from:)`` computes the score.
    public func corpusStatistics(hypotheses: [String], references: [[String]]) -> BLEUStatistics {
        var evaluator = BLEUEvaluator(configuration: self)
        var total = BLEUStatistics(order: maxNGramOrder)
        var segmentReferences: [String] = []
        for index in 0..<Self.segmentCount(hypotheses, references) {
            segmentReferences.removeAll(keepingCapacity: true)
            for stream in references { segmentReferences.append(stream[index]) }
            evaluator.addStatistics(hypothesis: hypotheses[index], references: segmentReferences, to: &total)
        }
        return total
    }

    /// Scores one hypothesis against its references.
    ///
    /// - Parameters:
    ///   - hypothesis: The system output.
    ///   - references: Its references (at least one).
    /// - Returns: The segment's score; use ``sentenceLevel`` or `effectiveOrder: true` for
    ///   the usual sentence-level BLEU.
    public func sentenceScore(hypothesis: String, references: [String]) -> BLEUScore {
        var evaluator = BLEUEvaluator(configuration: self)
        var statistics = BLEUStatistics(order: maxNGramOrder)
        evaluator.addStatistics(hypothesis: hypothesis, references: references, to: &statistics)
        return score(from: statistics)
    }

    /// Scores each segment of a corpus on its own, sharing buffers between segments.
    ///
    /// - Parameters:
    ///   - hypotheses: The system outputs.
    ///   - references: Reference streams, each parallel to `hypotheses`.
    /// - Returns: One ``sentenceScore(hypothesis:references:)`` result per segment.
    public func sentenceScores(hypotheses: [String], references: [[String]]) -> [BLEUScore] {
        var evaluator = BLEUEvaluator(configuration: self)
        var segmentReferences: [String] = []
        return (0..<Self.segmentCount(hypotheses, references)).map { index in
            segmentReferences.removeAll(keepingCapacity: true)
            for stream in references { segmentReferences.append(stream[index]) }
            var statistics = BLEUStatistics(order: maxNGramOrder)
            evaluator.addStatistics(hypothesis: hypotheses[index], references: segmentReferences, to: &statistics)
            return score(from: statistics)
        }
    }

    /// sacrebleu's signature for this configuration.
    ///
    /// - Parameter referenceCount: References per segment, or `nil` for a variable number.
    /// - Returns: For example `nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0`.
    public func signature(referenceCount: Int?) -> String {
        SacrebleuSignature.format(referenceCount: referenceCount, fields: [
            "case": lowercase ? "lc" : "mixed",
            "eff": effectiveOrder ? "yes" : "no",
            "tok": tokenizer.name,
            "smooth": smoothing.signatureName,
        ])
    }

    /// The number of segments sacrebleu scores: it zips the hypotheses with the streams.
    static func segmentCount<Element>(_ hypotheses: [String], _ references: [[Element]]) -> Int {
        references.reduce(hypotheses.count) { min($0, $1.count) }
    }
}
