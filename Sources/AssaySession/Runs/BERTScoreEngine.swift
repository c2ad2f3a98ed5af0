import AssayEncoder
import AssayEvaluation
import Foundation

/// BERTScore over a loaded model, with token embeddings kept in the run store's cache.
///
/// Each distinct text is encoded on its own, never packed with other texts. That makes a text's
/// hidden states a function of the text alone, so an embedding read from the cache is bit for bit
/// the one encoding would produce, and cached and uncached scoring give identical numbers. The
/// batch zero-padding behaviour of the reference (see ``BERTScorer``) does not touch the
/// embeddings: it only decides whether a token's best cosine also sees a 0, from the token
/// counts of the pairs scored together, and ``scores(candidates:references:weights:)`` applies it
/// after the cache, exactly as an uncached call would. So caching per text is exact, and
/// per-pair scores need no cache of their own.
struct BERTScoreEngine: Sendable {
    /// The loaded model.
    let model: LoadedEncoder
    /// The layer whose hidden states are compared.
    let layers: Int
    /// The cache; nil scores without one.
    let store: RunStore?
    /// Where encoder invocations and cache hits are counted.
    let usage: EncoderUsage

    /// Pairs per batch for the zero-padding behaviour, as the reference's default.
    static let batchSize = 64

    /// The token IDs of a text, `[CLS]` and `[SEP]` included.
    func tokenIDs(_ text: String) -> [Int] {
        model.tokenizer.encode(text)
    }

    /// IDF weights over references (with the reference's +1 smoothing), or uniform weights.
    func weights(idf: Bool, references: [String]) -> TokenWeights {
        idf ? .inverseDocumentFrequency(references: references.map(tokenIDs))
            : .uniform(classifierTokenID: model.tokenizer.classifierTokenID, separatorTokenID: model.tokenizer.separatorTokenID)
    }

    /// Scores each candidate against the reference at the same index, as one call of the
    /// reference scores them (batches of 64 pairs in order, for the zero-padding behaviour).
    ///
    /// - Throws: `RunStoreError` when the cache fails, `EncoderError` when a text cannot be encoded.
    func scores(candidates: [String], references: [String], weights: TokenWeights) async throws -> [BERTScoreValue] {
        let states = try await unitStates(of: candidates + references)
        let candidateIDs = candidates.map(tokenIDs)
        let referenceIDs = references.map(tokenIDs)
        var values: [BERTScoreValue] = []
        values.reserveCapacity(candidates.count)
        for start in stride(from: 0, to: candidates.count, by: Self.batchSize) {
            let batch = start ..< min(start + Self.batchSize, candidates.count)
            let longestCandidate = batch.map { candidateIDs[$0].count }.max() ?? 0
            let longestReference = batch.map { referenceIDs[$0].count }.max() ?? 0
            for index in batch {
                let match = GreedyMatch(
                    candidate: states[candidates[index]]!, reference: states[references[index]]!,
                    precisionSeesZero: referenceIDs[index].count < longestReference,
                    recallSeesZero: candidateIDs[index].count < longestCandidate)
                values.append(BERTScorer.value(of: match, candidateIDs: candidateIDs[index], referenceIDs: referenceIDs[index], weights: weights))
            }
        }
        return values
    }

    /// The L2-normalised hidden states of each distinct text: from the cache when it has them,
    /// else encoded one text at a time and then stored, in one transaction per call.
    private func unitStates(of texts: [String]) async throws -> [String: HiddenStates] {
        let distinct = Array(Set(texts))
        let keys = distinct.map { CachedEmbedding.key(modelSHA256: model.modelSHA256, layer: layers, text: $0) }
        let cached = try await store?.embeddings(forKeys: keys) ?? [:]
        var states: [String: HiddenStates] = [:]
        var fresh: [CachedEmbedding] = []
        for (text, key) in zip(distinct, keys) {
            if let entry = cached[key], entry.tokenCount == tokenIDs(text).count {
                states[text] = HiddenStates(tokenCount: entry.tokenCount, width: entry.width, values: entry.vectors).unitRows()
                continue
            }
            let hidden = try model.encoder.hiddenStates(tokenIDs: tokenIDs(text), layer: layers)
            states[text] = hidden.unitRows()
            fresh.append(CachedEmbedding(
                modelSHA256: model.modelSHA256, layer: layers, text: text,
                tokenCount: hidden.tokenCount, width: hidden.width, vectors: hidden.values))
        }
        usage.record(encoded: fresh.count, cached: distinct.count - fresh.count)
        try await store?.storeEmbeddings(fresh)
        return states
    }

    /// A score as the record runs store and `bertscore(…)` returns: `{precision, recall, f1}`.
    static func json(_ value: BERTScoreValue) -> JSONValue {
        // An undefined precision or recall (NaN, see `zeroWeightSum`) is stored as null: JSON has no NaN.
        func number(_ value: Float) -> JSONValue { value.isNaN ? .null : .double(Double(value)) }
        return .object(["precision": number(value.precision), "recall": number(value.recall), "f1": number(value.f1)])
    }

    /// The warning printed for a score defined by convention, or nil for an ordinary score.
    ///
    /// - Parameter subject: Which score it is, with a leading space (` of case c7`), or empty.
    static func warning(_ value: BERTScoreValue, subject: String) -> String? {
        var reasons: [String] = []
        if value.warnings.contains(.emptyCandidate) { reasons.append("the candidate is empty") }
        if value.warnings.contains(.emptyReference) { reasons.append("the reference is empty") }
        if value.warnings.contains(.zeroWeightSum) {
            reasons.append("every token has IDF weight 0 (it occurs in every reference), so precision or recall is undefined")
        }
        guard !reasons.isEmpty else { return nil }
        let outcome = value.warnings.contains(.zeroWeightSum) ? "f1 is 0" : "precision, recall and f1 are 0"
        return "warning: bertscore\(subject): \(reasons.joined(separator: " and ")); \(outcome)\n"
    }
}
