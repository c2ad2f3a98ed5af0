extension BERTScorer {
    /// The token weights of a call: IDF over its references, or uniform.
    package func tokenWeights(referenceIDs: [[Int]]) -> TokenWeights {
        usesIDF
            ? .inverseDocumentFrequency(references: referenceIDs)
            : .uniform(classifierTokenID: tokenizer.classifierTokenID, separatorTokenID: tokenizer.separatorTokenID)
    }

    /// Matches every pair greedily, applying the batch zero-padding behaviour of the reference.
    ///
    /// - Throws: `EncoderError` when a sequence cannot be encoded.
    package func matches(candidateIDs: [[Int]], referenceIDs: [[Int]]) throws -> [GreedyMatch] {
        let states = try unitHiddenStates(of: candidateIDs + referenceIDs)
        var matches: [GreedyMatch] = []
        matches.reserveCapacity(candidateIDs.count)
        for batchStart in stride(from: 0, to: candidateIDs.count, by: batchSize) {
            let batch = batchStart ..< min(batchStart + batchSize, candidateIDs.count)
            let longestCandidate = batch.map { candidateIDs[$0].count }.max() ?? 0
            let longestReference = batch.map { referenceIDs[$0].count }.max() ?? 0
            for index in batch {
                let candidate = candidateIDs[index]
                let reference = referenceIDs[index]
                matches.append(GreedyMatch(
                    candidate: states[candidate]!, reference: states[reference]!,
                    precisionSeesZero: reference.count < longestReference,
                    recallSeesZero: candidate.count < longestCandidate))
            }
        }
        return matches
    }

    /// Turns a match into precision, recall and F1, with the reference's conventions for empty
    /// texts and zero weight sums.
    package static func value(
        of match: GreedyMatch, candidateIDs: [Int], referenceIDs: [Int], weights: TokenWeights
    ) -> BERTScoreValue {
        var precision = GreedyMatch.weightedMean(match.candidateBest, weights: candidateIDs.map(weights.weight(of:)))
        var recall = GreedyMatch.weightedMean(match.referenceBest, weights: referenceIDs.map(weights.weight(of:)))
        var f1 = 2 * precision * recall / (precision + recall)
        var warnings: BERTScoreWarnings = []
        // The reference detects empty texts by their length of 2 ([CLS] and [SEP] only).
        if candidateIDs.count == 2 {
            warnings.insert(.emptyCandidate)
        }
        if referenceIDs.count == 2 {
            warnings.insert(.emptyReference)
        }
        if !warnings.isEmpty {
            precision = 0
            recall = 0
        } else if precision.isNaN || recall.isNaN {
            warnings.insert(.zeroWeightSum)
        }
        if f1.isNaN {
            f1 = 0
        }
        return BERTScoreValue(precision: precision, recall: recall, f1: f1, warnings: warnings)
    }

    /// Encodes each distinct sequence once, in one batch of the encoder (which groups sequences
    /// by length and uses all cores), and L2-normalises every token's hidden state.
    private func unitHiddenStates(of sequences: [[Int]]) throws -> [[Int]: HiddenStates] {
        // A fixed order (not the set's, which changes between processes) makes the groups, and
        // so the rounding of every result, the same from run to run.
        let distinct = Array(Set(sequences)).sorted { $0.lexicographicallyPrecedes($1) }
        let hidden = try encoder.hiddenStates(batch: distinct, layer: layers)
        var states: [[Int]: HiddenStates] = [:]
        states.reserveCapacity(distinct.count)
        for (sequence, hiddenStates) in zip(distinct, hidden) {
            states[sequence] = hiddenStates.unitRows()
        }
        return states
    }
}
