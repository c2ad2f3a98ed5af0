import AssayCore
import AssayEncoder
import Foundation

/// BERTScore over a loaded model, with token embeddings kept in the run store's cache.
///
/// The texts a call does not find in the cache go through the encoder together, as one batch
/// (``Encoder/hiddenStates(batch:layer:)`` groups them by length and runs the groups on all
/// cores), and each text's hidden states are then stored under the text alone. In a batch a text
/// attends only to its own tokens, so its hidden states depend on its batch mates at most through
/// the rounding of the shared matrix products (a few units in the last place of a float, far below
/// the 1e-5 within which scores agree with the reference). The cache stays exact in the sense that
/// matters: an embedding read from it is bit for bit the one computed when it was stored, so
/// scoring the same texts again, cached or not, gives the numbers of the first call up to that
/// rounding, and cached and uncached scores of one call are computed alike.
///
/// The batch zero-padding behaviour of the reference (see ``BERTScorer``) does not touch the
/// embeddings: it only decides whether a token's best cosine also sees a 0, from the token
/// counts of the pairs scored together, and ``scores(candidates:references:weights:)`` applies it
/// after the cache, exactly as an uncached call would. So per-pair scores need no cache of their own.
package struct BERTScoreEngine: Sendable {
    /// The loaded model.
    let model: LoadedEncoder
    /// The layer whose hidden states are compared.
    let layers: Int
    /// The cache; nil scores without one.
    let store: RunStore?
    /// Where encoder invocations and cache hits are counted.
    let usage: EncoderUsage
    /// Runs the encoder for the texts calls miss, the texts of concurrent calls in one pass.
    let queue: EncodingQueue

    init(model: LoadedEncoder, layers: Int, store: RunStore?, usage: EncoderUsage) {
        self.model = model
        self.layers = layers
        self.store = store
        self.usage = usage
        queue = EncodingQueue(model: model, layer: layers, store: store, usage: usage)
    }

    /// Pairs per batch for the zero-padding behaviour, as the reference's default.
    static let batchSize = 64

    /// The token IDs of a text, `[CLS]` and `[SEP]` included.
    func tokenIDs(_ text: String) -> [Int] {
        model.tokenizer.encode(text)
    }

    /// IDF weights over references (with the reference's +1 smoothing), or uniform weights.
    package func weights(idf: Bool, references: [String]) -> TokenWeights {
        idf ? .inverseDocumentFrequency(references: references.map(tokenIDs))
            : .uniform(classifierTokenID: model.tokenizer.classifierTokenID, separatorTokenID: model.tokenizer.separatorTokenID)
    }

    /// Scores each candidate against the reference at the same index, as one call of the
    /// reference scores them (batches of 64 pairs in order, for the zero-padding behaviour).
    ///
    /// - Throws: `RunStoreError` when the cache fails, `EncoderError` when a text cannot be encoded.
    package func scores(candidates: [String], references: [String], weights: TokenWeights) async throws -> [BERTScoreValue] {
        // A fixed order (not a set's, which changes between processes) makes the encoder's groups,
        // and so the rounding of every embedding, the same from run to run.
        let distinct = Set(candidates + references).sorted()
        let tokenizer = model.tokenizer
        // A few texts (a run's case) take well under a millisecond: not worth a thread.
        let ids = distinct.count <= 32
            ? tokenizer.encode(batch: distinct)
            : try await DedicatedThread.run { tokenizer.encode(batch: distinct) }
        let tokens = Dictionary(uniqueKeysWithValues: zip(distinct, ids))
        let states = try await unitStates(of: distinct, tokens: tokens)
        let candidateIDs = candidates.map { tokens[$0]! }
        let referenceIDs = references.map { tokens[$0]! }
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
    /// else encoded (with the texts of calls made at the same time, see ``EncodingQueue``) and
    /// then stored.
    ///
    /// - Parameters:
    ///   - distinct: The distinct texts, in a fixed order.
    ///   - tokens: The token IDs of each text.
    private func unitStates(of distinct: [String], tokens: [String: [Int]]) async throws -> [String: HiddenStates] {
        // The weights' fingerprint keys the cache, and reading the weights takes a moment (it
        // started when the model was loaded). Without a store, or with a store that holds no
        // embedding at all, no lookup can find anything: the encoder then starts at once, and the
        // fingerprint is awaited only to store the results.
        var cached: [String: CachedEmbedding] = [:]
        if let store, try await store.hasEmbeddings() {
            let modelDigest = try await model.modelDigest()
            let keys = distinct.map { CachedEmbedding.key(modelDigest: modelDigest, layer: layers, text: $0) }
            let found = try await store.embeddings(forKeys: keys)
            for (text, key) in zip(distinct, keys) {
                cached[text] = found[key]
            }
        }
        var states: [String: HiddenStates] = [:]
        var missing: [String] = []
        for text in distinct {
            if let entry = cached[text], entry.tokenCount == tokens[text]!.count {
                states[text] = HiddenStates(tokenCount: entry.tokenCount, width: entry.width, values: entry.vectors).unitRows()
            } else {
                missing.append(text)
            }
        }
        if !missing.isEmpty {
            let encoded = try await queue.unitStates(of: missing, tokens: missing.map { tokens[$0]! })
            states.merge(encoded) { _, new in new }
        }
        usage.record(encoded: missing.count, cached: distinct.count - missing.count)
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
    package static func warning(_ value: BERTScoreValue, subject: String) -> String? {
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
