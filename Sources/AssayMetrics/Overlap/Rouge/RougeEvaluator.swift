/// Computes ROUGE scores for a sequence of (target, prediction) pairs, reusing its token
/// table, stem cache and buffers from one pair to the next.
struct RougeEvaluator {
    private var tokenizer: RougeTokenizer
    private var ngrams = NGramInterner()
    private var lcs = LongestCommonSubsequence()
    private var targetCounts = CountTable()
    private var predictionCounts = CountTable()

    private var targetTokens: [UInt32] = []
    private var predictionTokens: [UInt32] = []
    private var targetLineEnds: [Int] = []
    private var predictionLineEnds: [Int] = []
    /// N-gram identifiers by order (index 0 holds unigrams) for the current pair.
    private var targetGrams: [[UInt32]] = []
    private var predictionGrams: [[UInt32]] = []
    private var marked: [Bool] = []

    /// Creates an evaluator.
    init(usesStemmer: Bool) {
        tokenizer = RougeTokenizer(usesStemmer: usesStemmer)
    }

    /// Scores one pair for each of `types`.
    mutating func score(target: String, prediction: String, types: [RougeType]) -> [RougeType: RougeScore] {
        // N-grams are only ever compared within a pair.
        ngrams.reset()
        tokenizer.tokenize(target, into: &targetTokens, lineEnds: &targetLineEnds)
        tokenizer.tokenize(prediction, into: &predictionTokens, lineEnds: &predictionLineEnds)
        var orderReady = 0
        var result: [RougeType: RougeScore] = [:]
        result.reserveCapacity(types.count)
        for type in types {
            switch type {
            case .rougeN(let order):
                precondition(order > 0, "ROUGE-N needs a positive n, not \(order)")
                while orderReady < order {
                    orderReady += 1
                    extendGrams(to: orderReady)
                }
                result[type] = ngramScore(order: order)
            case .rougeL:
                result[type] = lcsScore()
            case .rougeLsum:
                result[type] = summaryLevelScore()
            }
        }
        return result
    }

    private mutating func extendGrams(to order: Int) {
        if targetGrams.count < order { targetGrams.append([]) }
        if predictionGrams.count < order { predictionGrams.append([]) }
        let previousTarget = order > 1 ? targetGrams[order - 2] : []
        let previousPrediction = order > 1 ? predictionGrams[order - 2] : []
        ngrams.extend(previousTarget, with: targetTokens, order: order, into: &targetGrams[order - 1])
        ngrams.extend(previousPrediction, with: predictionTokens, order: order, into: &predictionGrams[order - 1])
    }

    private mutating func ngramScore(order: Int) -> RougeScore {
        let target = targetGrams[order - 1]
        let prediction = predictionGrams[order - 1]
        targetCounts.reset()
        predictionCounts.reset()
        targetCounts.add(target, below: ngrams.count)
        predictionCounts.add(prediction, below: ngrams.count)
        let intersection = targetCounts.intersectionSize(with: predictionCounts)
        return RougeScore(
            matches: intersection, predictionCount: max(prediction.count, 1),
            targetCount: max(target.count, 1))
    }

    private mutating func lcsScore() -> RougeScore {
        guard !targetTokens.isEmpty, !predictionTokens.isEmpty else { return .zero }
        let length = lcs.length(targetTokens[...], predictionTokens[...])
        return RougeScore(
            matches: length, predictionCount: predictionTokens.count, targetCount: targetTokens.count)
    }

    /// `rouge-score`'s `_summary_level_lcs`: for each target line, the union of its LCS with
    /// every prediction line, counting each token only as often as it occurs on both sides.
    private mutating func summaryLevelScore() -> RougeScore {
        guard !targetTokens.isEmpty, !predictionTokens.isEmpty else { return .zero }
        targetCounts.reset()
        predictionCounts.reset()
        for id in targetTokens { targetCounts.increment(id) }
        for id in predictionTokens { predictionCounts.increment(id) }
        var hits = 0
        var targetStart = 0
        for targetEnd in targetLineEnds {
            defer { targetStart = targetEnd }
            guard targetEnd > targetStart else { continue }
            let line = targetTokens[targetStart..<targetEnd]
            marked.removeAll(keepingCapacity: true)
            marked.append(contentsOf: repeatElement(false, count: line.count))
            var predictionStart = 0
            for predictionEnd in predictionLineEnds {
                if predictionEnd > predictionStart {
                    lcs.markSubsequence(
                        of: line, in: predictionTokens[predictionStart..<predictionEnd], marked: &marked)
                }
                predictionStart = predictionEnd
            }
            for (offset, isMarked) in marked.enumerated() where isMarked {
                let token = line[targetStart + offset]
                if predictionCounts[token] > 0, targetCounts[token] > 0 {
                    hits += 1
                    predictionCounts.decrement(token)
                    targetCounts.decrement(token)
                }
            }
        }
        return RougeScore(
            matches: hits, predictionCount: predictionTokens.count, targetCount: targetTokens.count)
    }
}
