/// Reads and checks the weights of an encoder from a safetensors checkpoint.
struct EncoderWeights {
    let embeddings: EncoderEmbeddings
    let layers: [TransformerLayer]

    /// Loads the embeddings and the first `layerCount` layers.
    ///
    /// - Throws: `EncoderError` when a weight is missing or has the wrong shape;
    ///   `SafeTensorsError` when a weight has an unreadable data type.
    init(file: SafeTensorsFile, configuration: EncoderConfiguration, layerCount: Int) throws {
        guard let names = EncoderTensorNames.detect(in: file.tensors.keys, family: configuration.family) else {
            let expected = EncoderTensorNames(prefix: "", family: configuration.family).wordEmbeddings + ".weight"
            throw EncoderError(.missingWeight(name: expected, path: file.path))
        }
        let loader = WeightLoader(file: file)
        let width = configuration.hiddenSize
        let epsilon = configuration.layerNormEpsilon

        var firstTokenType: [Float]?
        if let tokenTypes = names.tokenTypeEmbeddings {
            let table = try loader.tensor(tokenTypes + ".weight", shape: [configuration.tokenTypeCount, width])
            firstTokenType = Array(table.prefix(width))
        }
        embeddings = EncoderEmbeddings(
            words: try loader.values(names.wordEmbeddings + ".weight", shape: [configuration.vocabularySize, width]),
            positions: try loader.values(names.positionEmbeddings + ".weight", shape: [configuration.maxPositions, width]),
            firstTokenType: firstTokenType,
            normalization: try loader.normalization(names.embeddingNormalization, width: width, epsilon: epsilon),
            width: width)

        let attention = MultiHeadAttention(headCount: configuration.attentionHeadCount, headSize: configuration.headSize)
        let inner = configuration.intermediateSize
        layers = try (0..<layerCount).map { index in
            TransformerLayer(
                queryKeyValue: LinearLayer(concatenating: [
                    try loader.linear(names.query(layer: index), input: width, output: width),
                    try loader.linear(names.key(layer: index), input: width, output: width),
                    try loader.linear(names.value(layer: index), input: width, output: width),
                ]),
                attentionOutput: try loader.linear(names.attentionOutput(layer: index), input: width, output: width),
                attentionNormalization: try loader.normalization(
                    names.attentionNormalization(layer: index), width: width, epsilon: epsilon),
                intermediate: try loader.linear(names.intermediate(layer: index), input: width, output: inner),
                output: try loader.linear(names.output(layer: index), input: inner, output: width),
                outputNormalization: try loader.normalization(
                    names.outputNormalization(layer: index), width: width, epsilon: epsilon),
                attention: attention,
                activation: configuration.activation)
        }
    }
}

/// Reads tensors by name, checking each shape against the configuration.
private struct WeightLoader {
    let file: SafeTensorsFile

    func tensor(_ name: String, shape: [Int]) throws -> [Float] {
        try check(name, shape: shape)
        return try file.floats(named: name)
    }

    /// A large tensor, used in place in the file's mapping when it is stored as it is needed.
    func values(_ name: String, shape: [Int]) throws -> WeightValues {
        try check(name, shape: shape)
        if let mapped = try file.mappedFloats(named: name) {
            return WeightValues(mapped: mapped, owner: file)
        }
        return WeightValues(copying: try file.floats(named: name))
    }

    private func check(_ name: String, shape: [Int]) throws {
        guard let descriptor = file.tensors[name] else {
            throw EncoderError(.missingWeight(name: name, path: file.path))
        }
        guard descriptor.shape == shape else {
            throw EncoderError(.weightShapeMismatch(name: name, expected: shape, found: descriptor.shape))
        }
    }

    func linear(_ name: String, input: Int, output: Int) throws -> LinearLayer {
        LinearLayer(
            weight: try values(name + ".weight", shape: [output, input]),
            bias: try tensor(name + ".bias", shape: [output]),
            inputSize: input, outputSize: output)
    }

    func normalization(_ name: String, width: Int, epsilon: Float) throws -> LayerNormalization {
        LayerNormalization(
            scale: try tensor(name + ".weight", shape: [width]),
            shift: try tensor(name + ".bias", shape: [width]),
            epsilon: epsilon)
    }
}
