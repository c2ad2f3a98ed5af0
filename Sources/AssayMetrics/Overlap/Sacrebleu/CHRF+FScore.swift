extension CHRF {
    /// sacrebleu's `_compute_f_score`: the score from `[hypothesis, reference, match]`
    /// n-gram counts for each character order and then each word order.
    ///
    /// The floating-point operations follow sacrebleu's order so that results agree to the
    /// last bit.
    func fScore(_ statistics: [Int]) -> Double {
        let epsilon = 1e-16
        let factor = Double(beta * beta)
        let orderCount = characterOrder + wordOrder
        var score = 0.0
        var effectiveOrder = 0
        var averagePrecision = 0.0
        var averageRecall = 0.0
        for order in 0..<orderCount {
            let hypothesisCount = statistics[3 * order]
            let referenceCount = statistics[3 * order + 1]
            let matchCount = statistics[3 * order + 2]
            let precision = hypothesisCount > 0 ? Double(matchCount) / Double(hypothesisCount) : epsilon
            let recall = referenceCount > 0 ? Double(matchCount) / Double(referenceCount) : epsilon
            let denominator = factor * precision + recall
            score += denominator > 0 ? (1 + factor) * precision * recall / denominator : epsilon
            if hypothesisCount > 0, referenceCount > 0 {
                averagePrecision += precision
                averageRecall += recall
                effectiveOrder += 1
            }
        }
        if epsilonSmoothing {
            return 100 * score / Double(orderCount)
        }
        if effectiveOrder == 0 {
            averagePrecision = 0
            averageRecall = 0
        } else {
            averagePrecision /= Double(effectiveOrder)
            averageRecall /= Double(effectiveOrder)
        }
        guard averagePrecision + averageRecall != 0 else { return 0 }
        var result = (1 + factor) * averagePrecision * averageRecall
        result /= factor * averagePrecision + averageRecall
        return 100 * result
    }
}
