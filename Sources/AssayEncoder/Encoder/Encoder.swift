import Foundation
import Synchronization

/// A BERT-family transformer encoder running natively in single precision.
///
/// The forward pass follows the reference implementation: word, position and token-type
/// embeddings summed and layer-normalised, then post-normalisation transformer layers with
/// multi-head self-attention and a feed-forward block. Matrix products go through BLAS `sgemm`.
///
/// ```swift
/// let encoder = try Encoder(modelDirectory: directory)
/// let states = try encoder.hiddenStates(tokenIDs: [101, 7592, 102], layer: 6)
/// print(states[0].prefix(4))   // the first values of the [CLS] vector
/// ```
public struct Encoder: Sendable {
    /// The model's configuration, as read from `config.json`.
    public let configuration: EncoderConfiguration
    private let embeddings: EncoderEmbeddings
    private let layers: [TransformerLayer]

    /// The number of transformer layers loaded; hidden states exist for layers 0 through this.
    public var layerCount: Int {
        layers.count
    }

    /// Loads `config.json` and `model.safetensors` from a model directory.
    ///
    /// - Parameters:
    ///   - modelDirectory: The directory holding the checkpoint.
    ///   - layerCount: How many layers to load, from the first; `nil` loads them all. Fewer
    ///     layers save memory when only an early layer's states are needed.
    /// - Throws: `ConfigurationError`, `SafeTensorsError` or `EncoderError` when the files are
    ///   missing, unsupported or inconsistent with each other.
    public init(modelDirectory: URL, layerCount: Int? = nil) throws {
        let configuration = try EncoderConfiguration(contentsOf: modelDirectory.appendingPathComponent("config.json"))
        let file = try SafeTensorsFile(contentsOf: modelDirectory.appendingPathComponent("model.safetensors"))
        try self.init(configuration: configuration, weights: file, layerCount: layerCount)
    }

    /// Builds an encoder from a configuration and an opened checkpoint.
    ///
    /// - Parameters:
    ///   - configuration: The model's shape.
    ///   - weights: The checkpoint; the encoder keeps it open and reads its single-precision
    ///     tensors in place.
    ///   - layerCount: How many layers to load; `nil` loads them all.
    /// - Throws: `EncoderError` when a weight is missing or mis-shaped, or `layerCount` exceeds the model.
    public init(configuration: EncoderConfiguration, weights: SafeTensorsFile, layerCount: Int? = nil) throws {
        let count = layerCount ?? configuration.layerCount
        guard (0...configuration.layerCount).contains(count) else {
            throw EncoderError(.layerCountOutOfRange(requested: count, available: configuration.layerCount))
        }
        let loaded = try EncoderWeights(file: weights, configuration: configuration, layerCount: count)
        // Here, before any product runs, and early, so that idle BLAS threads stop spinning
        // while the model loads.
        MatrixProduct.useCallingThreadOnly()
        self.configuration = configuration
        self.embeddings = loaded.embeddings
        self.layers = loaded.layers
    }

    /// Runs one sequence and returns the hidden states of a layer.
    ///
    /// - Parameters:
    ///   - tokenIDs: The token IDs, usually from ``WordPieceTokenizer/encode(_:)``.
    ///   - layer: 0 for the embeddings output, `n` for the output of the `n`-th layer.
    /// - Returns: One vector per token.
    /// - Throws: `EncoderError` when the layer or a token ID is out of range or the sequence is
    ///   empty or longer than the model's positions.
    public func hiddenStates(tokenIDs: [Int], layer: Int) throws -> HiddenStates {
        try hiddenStates(batch: [tokenIDs], layer: layer)[0]
    }

    /// Runs a batch of sequences and returns the hidden states of a layer for each.
    ///
    /// The sequences are sorted by length and cut into groups of about ``groupTokenBudget``
    /// tokens (at least one group per core), and the groups run on all cores at once. Within a
    /// group, sequences are packed one after another without padding and each attends only to its
    /// own tokens, so every matrix product covers all tokens of the group in one `sgemm` call, no
    /// work is spent on padding, and every result equals running that sequence alone up to the
    /// rounding of the shared matrix products.
    ///
    /// - Parameters:
    ///   - batch: The token IDs of each sequence.
    ///   - layer: 0 for the embeddings output, `n` for the output of the `n`-th layer.
    /// - Returns: The hidden states of each sequence, in input order.
    /// - Throws: `EncoderError` as ``hiddenStates(tokenIDs:layer:)`` does.
    public func hiddenStates(batch: [[Int]], layer: Int) throws -> [HiddenStates] {
        let results = Mutex([HiddenStates?](repeating: nil, count: batch.count))
        try hiddenStates(batch: batch, layer: layer) { members, states in
            results.withLock { results in
                for (index, state) in zip(members, states) {
                    results[index] = state
                }
            }
        }
        return results.withLock { $0.map { $0! } }
    }

    /// Runs a batch of sequences as ``hiddenStates(batch:layer:)`` does, handing over the results
    /// of each group as soon as it is done, so that the caller can use them (store them, say)
    /// while the other groups are still running.
    ///
    /// - Parameters:
    ///   - batch: The token IDs of each sequence.
    ///   - layer: 0 for the embeddings output, `n` for the output of the `n`-th layer.
    ///   - groupDone: Called once per group, on the worker that ran it, possibly on several
    ///     threads at once: the indices in `batch` of the group's sequences and their hidden
    ///     states, in the same order. Every index comes exactly once over all calls.
    /// - Throws: `EncoderError` as ``hiddenStates(tokenIDs:layer:)`` does, before any group runs.
    public func hiddenStates(
        batch: [[Int]], layer: Int, groupDone: @Sendable (_ indices: [Int], _ states: [HiddenStates]) -> Void
    ) throws {
        guard (0...layers.count).contains(layer) else {
            throw EncoderError(.layerOutOfRange(requested: layer, available: layers.count))
        }
        try validate(batch)
        let groups = Self.groups(
            lengths: batch.map(\.count), workers: ParallelWork.coreCount, tokenBudget: Self.groupTokenBudget)
        let (width, intermediateSize) = (configuration.hiddenSize, configuration.intermediateSize)
        ParallelWork.forEach(count: groups.count) {
            EncoderWorkspace(width: width, intermediateSize: intermediateSize)
        } _: { workspace, group in
            let members = groups[group]
            groupDone(members, forward(members.map { batch[$0] }, layer: layer, workspace: workspace))
        }
    }

    /// Runs one group of sequences through the first `layer` layers on the calling thread.
    private func forward(_ group: [[Int]], layer: Int, workspace: EncoderWorkspace) -> [HiddenStates] {
        var sequences: [Range<Int>] = []
        var start = 0
        for tokenIDs in group {
            sequences.append(start ..< start + tokenIDs.count)
            start += tokenIDs.count
        }
        workspace.reserve(tokens: start)
        embeddings.embed(group, into: workspace.hidden)
        for transformerLayer in layers.prefix(layer) {
            transformerLayer.apply(tokens: start, sequences: sequences, workspace: workspace)
        }
        let width = configuration.hiddenSize
        let hidden = workspace.hidden
        return sequences.map { rows in
            HiddenStates(
                tokenCount: rows.count, width: width,
                values: Array(UnsafeBufferPointer(start: hidden + rows.lowerBound * width, count: rows.count * width)))
        }
    }

    private func validate(_ batch: [[Int]]) throws {
        let vocabularySize = configuration.vocabularySize
        for (index, tokenIDs) in batch.enumerated() {
            guard !tokenIDs.isEmpty else {
                throw EncoderError(.emptySequence(index: index))
            }
            guard tokenIDs.count <= configuration.maxPositions else {
                throw EncoderError(.sequenceTooLong(index: index, length: tokenIDs.count, maximum: configuration.maxPositions))
            }
            if let invalid = tokenIDs.first(where: { !(0..<vocabularySize).contains($0) }) {
                throw EncoderError(.tokenIDOutOfRange(index: index, tokenID: invalid, vocabularySize: vocabularySize))
            }
        }
    }
}
