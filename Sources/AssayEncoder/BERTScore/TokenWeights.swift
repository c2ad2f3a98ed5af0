import Foundation

/// The importance weight of each token ID in BERTScore's weighted means.
package struct TokenWeights: Sendable {
    private let weights: [Int: Float]
    private let defaultWeight: Float

    /// Weight 1 for every token except `[CLS]` and `[SEP]`, which weigh 0.
    package static func uniform(classifierTokenID: Int, separatorTokenID: Int) -> TokenWeights {
        TokenWeights(weights: [classifierTokenID: 0, separatorTokenID: 0], defaultWeight: 1)
    }

    /// Inverse document frequencies over references, with the reference's +1 smoothing.
    ///
    /// With `N` references and `df(t)` the number of them containing token `t` (each reference
    /// counted once, duplicates separately), `w(t) = ln((N + 1) / (df(t) + 1))`; a token in no
    /// reference weighs `ln(N + 1)`. `[CLS]` and `[SEP]` occur in every reference and so weigh 0.
    ///
    /// - Parameter references: The encoded references, special tokens included.
    package static func inverseDocumentFrequency(references: [[Int]]) -> TokenWeights {
        var documentFrequency: [Int: Int] = [:]
        for reference in references {
            for tokenID in Set(reference) {
                documentFrequency[tokenID, default: 0] += 1
            }
        }
        let documents = Double(references.count + 1)
        var weights: [Int: Float] = [:]
        for (tokenID, frequency) in documentFrequency {
            // Computed in double and rounded once, as a float tensor built from Python floats is.
            weights[tokenID] = Float(log(documents / Double(frequency + 1)))
        }
        return TokenWeights(weights: weights, defaultWeight: Float(log(documents)))
    }

    /// The weight of a token ID.
    package func weight(of tokenID: Int) -> Float {
        weights[tokenID] ?? defaultWeight
    }
}
