/// Greedy cosine matching between the tokens of one candidate and one reference.
///
/// Every candidate token takes its best cosine similarity over the reference tokens (for
/// precision) and every reference token its best over the candidate tokens (for recall).
/// `[CLS]` and `[SEP]` are ordinary rows and columns here; their weight is applied later.
package struct GreedyMatch: Sendable {
    /// The best cosine of each candidate token.
    package let candidateBest: [Float]
    /// The reference token that gives each candidate token its best cosine.
    package let candidateBestIndex: [Int]
    /// The best cosine of each reference token.
    package let referenceBest: [Float]

    /// Matches two sequences of unit vectors.
    ///
    /// - Parameters:
    ///   - candidate: The candidate's L2-normalised hidden states.
    ///   - reference: The reference's L2-normalised hidden states.
    ///   - precisionSeesZero: Whether each candidate token's maximum also includes a 0, as the
    ///     reference does when this pair's reference is shorter than the longest in its batch and
    ///     the zero padding of the similarity matrix takes part in the maximum.
    ///   - recallSeesZero: The same for reference tokens and a shorter candidate.
    package init(
        candidate: HiddenStates, reference: HiddenStates,
        precisionSeesZero: Bool, recallSeesZero: Bool
    ) {
        let rows = candidate.tokenCount
        let columns = reference.tokenCount
        var similarity = [Float](repeating: 0, count: rows * columns)
        candidate.values.withUnsafeBufferPointer { candidateValues in
            reference.values.withUnsafeBufferPointer { referenceValues in
                similarity.withUnsafeMutableBufferPointer { similarity in
                    MatrixProduct.multiplyTransposed(
                        m: rows, n: columns, k: candidate.width,
                        a: candidateValues.baseAddress!, rowStrideA: candidate.width,
                        b: referenceValues.baseAddress!, rowStrideB: reference.width,
                        beta: 0, c: similarity.baseAddress!, rowStrideC: columns)
                }
            }
        }
        var candidateBest = [Float](repeating: -.infinity, count: rows)
        var candidateBestIndex = [Int](repeating: 0, count: rows)
        var referenceBest = [Float](repeating: -.infinity, count: columns)
        for row in 0..<rows {
            for column in 0..<columns {
                let value = similarity[row * columns + column]
                if value > candidateBest[row] {
                    candidateBest[row] = value
                    candidateBestIndex[row] = column
                }
                referenceBest[column] = max(referenceBest[column], value)
            }
        }
        if precisionSeesZero {
            candidateBest = candidateBest.map { max($0, 0) }
        }
        if recallSeesZero {
            referenceBest = referenceBest.map { max($0, 0) }
        }
        self.candidateBest = candidateBest
        self.candidateBestIndex = candidateBestIndex
        self.referenceBest = referenceBest
    }

    /// The weighted mean `Σ value·(weight / Σ weight)`, in the reference's order of operations.
    ///
    /// - Returns: NaN when the weights sum to 0.
    package static func weightedMean(_ values: [Float], weights: [Float]) -> Float {
        let total = weights.reduce(0, +)
        var mean: Float = 0
        for (value, weight) in zip(values, weights) {
            mean += value * (weight / total)
        }
        return mean
    }
}
