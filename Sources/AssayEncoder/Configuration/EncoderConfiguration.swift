import Foundation

/// The shape of a BERT-family encoder, read from its `config.json`.
///
/// BERT-style keys (`hidden_size`, `num_hidden_layers`, …) and DistilBERT-style keys (`dim`,
/// `n_layers`, …) are both understood. Keys that are absent take the defaults of the reference
/// implementation's configuration classes, as loading the same file there would.
public struct EncoderConfiguration: Equatable, Sendable {
    /// The architecture family.
    public let family: EncoderFamily
    /// The width of every hidden state.
    public let hiddenSize: Int
    /// The number of transformer layers.
    public let layerCount: Int
    /// The number of self-attention heads per layer.
    public let attentionHeadCount: Int
    /// The width of the feed-forward layer.
    public let intermediateSize: Int
    /// The number of rows of the word-embedding table.
    public let vocabularySize: Int
    /// The number of learned positions, which bounds the sequence length.
    public let maxPositions: Int
    /// The number of token types (segments); 0 for families without token-type embeddings.
    public let tokenTypeCount: Int
    /// The epsilon added to the variance in every layer normalisation.
    public let layerNormEpsilon: Float
    /// The feed-forward activation.
    public let activation: Activation

    /// The width of one attention head.
    public var headSize: Int {
        hiddenSize / attentionHeadCount
    }

    /// Creates a configuration from its values, checking that they are consistent.
    ///
    /// - Throws: `ConfigurationError` when a size is not positive or the heads do not divide the width.
    public init(
        family: EncoderFamily, hiddenSize: Int, layerCount: Int, attentionHeadCount: Int,
        intermediateSize: Int, vocabularySize: Int, maxPositions: Int, tokenTypeCount: Int,
        layerNormEpsilon: Float, activation: Activation
    ) throws {
        let sizes = [
            ("hidden_size", hiddenSize), ("num_attention_heads", attentionHeadCount),
            ("intermediate_size", intermediateSize), ("vocab_size", vocabularySize),
            ("max_position_embeddings", maxPositions),
        ]
        for (key, value) in sizes where value <= 0 {
            throw ConfigurationError(.invalidValue(key: key, detail: "must be positive, found \(value)"))
        }
        guard layerCount >= 0 else {
            throw ConfigurationError(.invalidValue(key: "num_hidden_layers", detail: "must not be negative, found \(layerCount)"))
        }
        guard tokenTypeCount >= 0 else {
            throw ConfigurationError(.invalidValue(key: "type_vocab_size", detail: "must not be negative, found \(tokenTypeCount)"))
        }
        guard hiddenSize % attentionHeadCount == 0 else {
            throw ConfigurationError(.invalidValue(
                key: "num_attention_heads",
                detail: "\(attentionHeadCount) heads do not divide hidden size \(hiddenSize)"))
        }
        guard layerNormEpsilon >= 0, layerNormEpsilon.isFinite else {
            throw ConfigurationError(.invalidValue(key: "layer_norm_eps", detail: "must be a finite non-negative number"))
        }
        self.family = family
        self.hiddenSize = hiddenSize
        self.layerCount = layerCount
        self.attentionHeadCount = attentionHeadCount
        self.intermediateSize = intermediateSize
        self.vocabularySize = vocabularySize
        self.maxPositions = maxPositions
        self.tokenTypeCount = tokenTypeCount
        self.layerNormEpsilon = layerNormEpsilon
        self.activation = activation
    }

    /// Reads a `config.json` file.
    ///
    /// - Parameter url: The file, usually `<model directory>/config.json`.
    /// - Throws: `ConfigurationError` when the file is missing, malformed or describes an
    ///   unsupported model type, activation or position embedding.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ConfigurationError(.fileNotFound(path: url.path))
        }
        let raw: RawConfiguration
        do {
            raw = try JSONDecoder().decode(RawConfiguration.self, from: data)
        } catch {
            throw ConfigurationError(.malformed(path: url.path, detail: String(describing: error)))
        }
        try self.init(raw)
    }

    private init(_ raw: RawConfiguration) throws {
        let architectures = raw.architectures ?? []
        guard let family = EncoderFamily.identify(modelType: raw.modelType, architectures: architectures) else {
            throw ConfigurationError(.unsupportedModelType(modelType: raw.modelType, architectures: architectures))
        }
        guard raw.isDecoder != true else {
            throw ConfigurationError(.decoderNotSupported)
        }
        switch family {
        case .bert:
            let positionType = raw.positionEmbeddingType ?? "absolute"
            guard positionType == "absolute" else {
                throw ConfigurationError(.unsupportedPositionEmbedding(positionType))
            }
            let activationName = raw.hiddenAct ?? "gelu"
            guard let activation = Activation(configurationName: activationName) else {
                throw ConfigurationError(.unsupportedActivation(activationName))
            }
            try self.init(
                family: .bert, hiddenSize: raw.hiddenSize ?? 768, layerCount: raw.numHiddenLayers ?? 12,
                attentionHeadCount: raw.numAttentionHeads ?? 12, intermediateSize: raw.intermediateSize ?? 3072,
                vocabularySize: raw.vocabSize ?? 30522, maxPositions: raw.maxPositionEmbeddings ?? 512,
                tokenTypeCount: raw.typeVocabSize ?? 2, layerNormEpsilon: Float(raw.layerNormEps ?? 1e-12),
                activation: activation)
        case .distilBERT:
            let activationName = raw.activation ?? "gelu"
            guard let activation = Activation(configurationName: activationName) else {
                throw ConfigurationError(.unsupportedActivation(activationName))
            }
            // DistilBERT's layer normalisations use a fixed epsilon of 1e-12.
            try self.init(
                family: .distilBERT, hiddenSize: raw.dim ?? 768, layerCount: raw.nLayers ?? 6,
                attentionHeadCount: raw.nHeads ?? 12, intermediateSize: raw.hiddenDim ?? 3072,
                vocabularySize: raw.vocabSize ?? 30522, maxPositions: raw.maxPositionEmbeddings ?? 512,
                tokenTypeCount: 0, layerNormEpsilon: 1e-12, activation: activation)
        }
    }
}

/// The keys of `config.json` that matter here, in both spellings.
private struct RawConfiguration: Decodable {
    let modelType: String?
    let architectures: [String]?
    let isDecoder: Bool?
    let hiddenSize, numHiddenLayers, numAttentionHeads, intermediateSize: Int?
    let vocabSize, maxPositionEmbeddings, typeVocabSize: Int?
    let layerNormEps: Double?
    let hiddenAct, positionEmbeddingType: String?
    let dim, nLayers, nHeads, hiddenDim: Int?
    let activation: String?

    enum CodingKeys: String, CodingKey {
        case modelType = "model_type", architectures, isDecoder = "is_decoder"
        case hiddenSize = "hidden_size", numHiddenLayers = "num_hidden_layers"
        case numAttentionHeads = "num_attention_heads", intermediateSize = "intermediate_size"
        case vocabSize = "vocab_size", maxPositionEmbeddings = "max_position_embeddings"
        case typeVocabSize = "type_vocab_size", layerNormEps = "layer_norm_eps"
        case hiddenAct = "hidden_act", positionEmbeddingType = "position_embedding_type"
        case dim, nLayers = "n_layers", nHeads = "n_heads", hiddenDim = "hidden_dim", activation
    }
}
