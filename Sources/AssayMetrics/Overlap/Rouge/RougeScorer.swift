/// ROUGE scores with the same numbers as Google's `rouge-score` 0.1.2 and its default
/// tokenizer.
///
/// Text is lower-cased, every character other than `[a-z0-9]` separates tokens, and with
/// `useStemmer` each token longer than three characters is replaced by its Porter stem
/// (NLTK's variant). ROUGE-Lsum treats each line of the text as a sentence.
///
/// ```swift
/// let scorer = RougeScorer(types: [.rouge1, .rougeL], useStemmer: true)
/// let scores = scorer.score(target: "The quick brown fox", prediction: "the quick fox")
/// scores[.rouge1]?.recall   // 0.75
/// ```
public struct RougeScorer: Hashable, Sendable {
    /// The ROUGE types each call computes.
    public let types: [RougeType]
    /// Whether tokens longer than three characters are stemmed.
    public let usesStemmer: Bool

    /// Creates a scorer.
    ///
    /// - Parameters:
    ///   - types: The ROUGE types to compute; every `.rougeN(n)` needs `n > 0`.
    ///   - useStemmer: Whether to apply the Porter stemmer, as `use_stemmer=True` does.
    public init(types: [RougeType], useStemmer: Bool = false) {
        for case .rougeN(let n) in types {
            precondition(n > 0, "ROUGE-N needs a positive n, not \(n)")
        }
        self.types = types
        self.usesStemmer = useStemmer
    }

    /// Scores a prediction against its target (reference) text.
    ///
    /// - Parameters:
    ///   - target: The reference text.
    ///   - prediction: The text being evaluated.
    /// - Returns: A score for each of ``types``.
    public func score(target: String, prediction: String) -> [RougeType: RougeScore] {
        var evaluator = RougeEvaluator(usesStemmer: usesStemmer)
        return evaluator.score(target: target, prediction: prediction, types: types)
    }

    /// Scores many pairs at once, sharing one token table and stem cache between them.
    ///
    /// - Parameters:
    ///   - targets: The reference texts.
    ///   - predictions: The texts being evaluated, parallel to `targets`.
    /// - Returns: One result per pair, as ``score(target:prediction:)`` would give; extra
    ///   elements of the longer array are ignored.
    public func scores(targets: [String], predictions: [String]) -> [[RougeType: RougeScore]] {
        var evaluator = RougeEvaluator(usesStemmer: usesStemmer)
        return zip(targets, predictions).map { target, prediction in
            evaluator.score(target: target, prediction: prediction, types: types)
        }
    }

    /// Scores a prediction against several targets, keeping for each type the score of the
    /// target with the highest F-measure (the first one on ties), as `score_multi` does.
    ///
    /// - Parameters:
    ///   - targets: The reference texts.
    ///   - prediction: The text being evaluated.
    /// - Returns: The best score for each of ``types``; all zero when `targets` is empty.
    public func scoreMulti(targets: [String], prediction: String) -> [RougeType: RougeScore] {
        var evaluator = RougeEvaluator(usesStemmer: usesStemmer)
        var best: [RougeType: RougeScore] = [:]
        for target in targets {
            let scores = evaluator.score(target: target, prediction: prediction, types: types)
            for (type, score) in scores where best[type].map({ score.fmeasure > $0.fmeasure }) ?? true {
                best[type] = score
            }
        }
        for type in types where best[type] == nil {
            best[type] = .zero
        }
        return best
    }
}
