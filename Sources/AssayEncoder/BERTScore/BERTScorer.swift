import Foundation

/// Computes BERTScore as the `bert-score` Python package (0.3.13) defines it, natively.
///
/// Each text is encoded with `[CLS]` and `[SEP]`; its hidden states at layer ``layers`` are
/// L2-normalised; every token is greedily matched to its most similar token on the other side;
/// precision and recall are the weighted means of those best cosines, and F1 their harmonic mean.
/// `[CLS]` and `[SEP]` take part in the matching but weigh 0.
///
/// Two behaviours of the reference are reproduced on purpose:
/// - Pairs are scored in batches of ``batchSize`` in input order, and the reference zero-pads
///   each batch's similarity matrices. So when a pair's reference is shorter than the longest
///   reference in its batch, each candidate token's best cosine is at least 0 (and likewise for
///   recall with candidates). This only matters when all similarities of a token are negative.
/// - With IDF weighting, document frequencies come from the references of the same call.
///
/// ```swift
/// let scorer = try BERTScorer(modelDirectory: directory, layers: 6)
/// let scores = try scorer.score(candidates: ["The cat sat."], references: ["A cat was sitting."])
/// print(scores[0].f1)
/// ```
public struct BERTScorer: Sendable {
    /// The tokenizer of the model directory, limited to the model's positions.
    public let tokenizer: WordPieceTokenizer
    /// The encoder, loaded up to layer ``layers``.
    public let encoder: Encoder
    /// The layer whose hidden states are compared (`num_layers` in the reference).
    public let layers: Int
    /// Whether tokens are weighted by inverse document frequency over the references.
    public let usesIDF: Bool
    /// The number of pairs per batch, which decides the zero-padding behaviour above.
    public let batchSize: Int

    /// Loads a model directory for scoring.
    ///
    /// - Parameters:
    ///   - modelDirectory: A directory with `config.json`, `model.safetensors`, `vocab.txt` and
    ///     optionally `tokenizer_config.json`.
    ///   - layers: The layer to compare; 0 is the embeddings output.
    ///   - idf: Whether to weight tokens by inverse document frequency.
    ///   - batchSize: Pairs per batch; the reference's default is 64.
    /// - Throws: `BERTScoreError` for an invalid layer or batch size; `ConfigurationError`,
    ///   `TokenizerError`, `SafeTensorsError` or `EncoderError` when the directory cannot be loaded.
    public init(modelDirectory: URL, layers: Int, idf: Bool = false, batchSize: Int = 64) throws {
        guard batchSize >= 1 else {
            throw BERTScoreError(.invalidBatchSize(batchSize))
        }
        let configuration = try EncoderConfiguration(contentsOf: modelDirectory.appendingPathComponent("config.json"))
        guard (0...configuration.layerCount).contains(layers) else {
            throw BERTScoreError(.layerOutOfRange(requested: layers, available: configuration.layerCount))
        }
        var tokenizer = try WordPieceTokenizer(modelDirectory: modelDirectory)
        if tokenizer.maximumLength > configuration.maxPositions {
            tokenizer = try WordPieceTokenizer(modelDirectory: modelDirectory, maximumLength: configuration.maxPositions)
        }
        let weights = try SafeTensorsFile(contentsOf: modelDirectory.appendingPathComponent("model.safetensors"))
        // Only the layers up to the compared one are needed.
        let encoder = try Encoder(configuration: configuration, weights: weights, layerCount: layers)
        try self.init(tokenizer: tokenizer, encoder: encoder, layers: layers, idf: idf, batchSize: batchSize)
    }

    /// Scores with an already loaded tokenizer and encoder, so that one model can serve
    /// several layer and weighting choices.
    ///
    /// - Parameters:
    ///   - tokenizer: The model's tokenizer; its ``WordPieceTokenizer/maximumLength`` should not
    ///     exceed the encoder's positions.
    ///   - encoder: The model, loaded at least up to `layers`.
    ///   - layers: The layer to compare; 0 is the embeddings output.
    ///   - idf: Whether to weight tokens by inverse document frequency.
    ///   - batchSize: Pairs per batch; the reference's default is 64.
    /// - Throws: `BERTScoreError` for an invalid layer or batch size.
    public init(tokenizer: WordPieceTokenizer, encoder: Encoder, layers: Int, idf: Bool = false, batchSize: Int = 64) throws {
        guard batchSize >= 1 else {
            throw BERTScoreError(.invalidBatchSize(batchSize))
        }
        guard (0...encoder.layerCount).contains(layers) else {
            throw BERTScoreError(.layerOutOfRange(requested: layers, available: encoder.layerCount))
        }
        self.tokenizer = tokenizer
        self.encoder = encoder
        self.layers = layers
        self.usesIDF = idf
        self.batchSize = batchSize
    }

    /// Scores each candidate against the reference at the same index.
    ///
    /// - Parameters:
    ///   - candidates: The texts being evaluated.
    ///   - references: The texts they are compared with; IDF weights come from these.
    /// - Returns: One score per pair, in order.
    /// - Throws: `BERTScoreError` when the lists differ in length.
    public func score(candidates: [String], references: [String]) throws -> [BERTScoreValue] {
        guard candidates.count == references.count else {
            throw BERTScoreError(.countMismatch(candidates: candidates.count, references: references.count))
        }
        return try score(
            candidateIDs: candidates.map(tokenizer.encode), referenceIDs: references.map(tokenizer.encode))
    }

    /// Scores pairs that are already encoded, special tokens included.
    package func score(candidateIDs: [[Int]], referenceIDs: [[Int]]) throws -> [BERTScoreValue] {
        let weights = tokenWeights(referenceIDs: referenceIDs)
        let matches = try matches(candidateIDs: candidateIDs, referenceIDs: referenceIDs)
        return matches.indices.map { index in
            Self.value(
                of: matches[index], candidateIDs: candidateIDs[index], referenceIDs: referenceIDs[index],
                weights: weights)
        }
    }
}
