import AssayEncoder
import Foundation

/// Runs the encoder for the texts that BERTScore calls of one engine did not find in the cache,
/// the texts of calls that arrive together in one pass.
///
/// A run scores each case as its own call, several cases at once (its concurrency). One encoder
/// pass per case would run a couple of short texts at a time, where preparing the weights for
/// the matrix products costs more than the products, on one core per text. Here a call that
/// finds the encoder idle starts a pass at once; calls that come while a pass runs wait for it
/// to finish and then go through the encoder together in the next pass. A call of many texts
/// (the `bertscore(…)` function over lists) is one pass on its own, as before.
///
/// Within a pass the texts are sorted, so a pass over the same texts always forms the same groups.
/// Which calls share a pass depends on timing; a text's embedding depends on its batch mates only
/// through the rounding of the shared matrix products (about 1e-7, see ``BERTScoreEngine``).
actor EncodingQueue {
    private let model: LoadedEncoder
    private let layer: Int
    private let store: RunStore?
    private let usage: EncoderUsage
    private var waiting: [Request] = []
    private var running = false

    private struct Request {
        let texts: [String]
        let tokens: [[Int]]
        let continuation: CheckedContinuation<[String: HiddenStates], any Error>
    }

    init(model: LoadedEncoder, layer: Int, store: RunStore?, usage: EncoderUsage) {
        self.model = model
        self.layer = layer
        self.store = store
        self.usage = usage
    }

    /// The L2-normalised hidden states of texts, encoded (and stored in the cache) in the next
    /// pass of the encoder.
    ///
    /// - Parameters:
    ///   - texts: Distinct texts.
    ///   - tokens: The token IDs of each text.
    /// - Throws: `EncoderError` when a text cannot be encoded, `RunStoreError` when storing fails;
    ///   every call of the pass gets the error.
    func unitStates(of texts: [String], tokens: [[Int]]) async throws -> [String: HiddenStates] {
        try await withCheckedThrowingContinuation { continuation in
            waiting.append(Request(texts: texts, tokens: tokens, continuation: continuation))
            if !running {
                running = true
                Task { await self.drain() }
            }
        }
    }

    /// Runs passes until no call waits.
    private func drain() async {
        while !waiting.isEmpty {
            let requests = waiting
            waiting = []
            var tokensByText: [String: [Int]] = [:]
            for request in requests {
                for (text, tokens) in zip(request.texts, request.tokens) {
                    tokensByText[text] = tokens
                }
            }
            // A fixed order (not a dictionary's, which changes between processes) makes the
            // encoder's groups the same whenever the same texts meet.
            let texts = tokensByText.keys.sorted()
            let outcome: Result<[String: HiddenStates], any Error>
            do {
                outcome = .success(try await encode(texts, tokens: texts.map { tokensByText[$0]! }))
            } catch {
                outcome = .failure(error)
            }
            usage.recordPass()
            for request in requests {
                request.continuation.resume(with: outcome.map { states in
                    Dictionary(uniqueKeysWithValues: request.texts.map { ($0, states[$0]!) })
                })
            }
        }
        running = false
    }

    /// One pass: the encoder hands over each group of texts as it finishes, and each group is
    /// stored (one transaction per group) while the encoder works on the others, so writing the
    /// cache overlaps with encoding instead of following it.
    private func encode(_ texts: [String], tokens: [[Int]]) async throws -> [String: HiddenStates] {
        let (groups, finished) = AsyncStream<[EncodedText]>.makeStream()
        let (encoder, layer) = (model.encoder, layer)
        let encoding = Task {
            try await DedicatedThread.run {
                defer { finished.finish() }
                try encoder.hiddenStates(batch: tokens, layer: layer) { indices, hidden in
                    finished.yield(zip(indices, hidden).map { index, hidden in
                        EncodedText(text: texts[index], hidden: hidden, unit: hidden.unitRows())
                    })
                }
            }
        }
        var states: [String: HiddenStates] = [:]
        for await group in groups {
            for encoded in group {
                states[encoded.text] = encoded.unit
            }
            guard let store else { continue }
            let modelDigest = try await model.modelDigest()
            try await store.storeEmbeddings(group.map { encoded in
                CachedEmbedding(
                    modelDigest: modelDigest, layer: layer, text: encoded.text,
                    tokenCount: encoded.hidden.tokenCount, width: encoded.hidden.width, vectors: encoded.hidden.values)
            })
        }
        try await encoding.value
        return states
    }

    /// A text the encoder has just run: its hidden states as stored and L2-normalised as compared.
    private struct EncodedText: Sendable {
        let text: String
        let hidden: HiddenStates
        let unit: HiddenStates
    }
}
