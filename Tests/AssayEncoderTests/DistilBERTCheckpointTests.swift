import AssayEncoder
import Foundation
import Testing

@Suite("DistilBERT checkpoints")
struct DistilBERTCheckpointTests {
    @Test("MiniLM's weights under DistilBERT names give MiniLM's hidden states")
    func matchesBERTLayout() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let layers = 2
        try writeDistilBERTCopyOfTestModel(to: directory, layers: layers)

        let distilBERT = try Encoder(modelDirectory: directory.url)
        #expect(distilBERT.configuration.family == .distilBERT)
        #expect(distilBERT.layerCount == layers)
        let bert = try TestModel.encoder.get()
        let ids = try TestModel.reference.get().encoderProbe.ids
        for layer in 0...layers {
            let expected = try bert.hiddenStates(tokenIDs: ids, layer: layer).values
            let actual = try distilBERT.hiddenStates(tokenIDs: ids, layer: layer).values
            let difference = zip(expected, actual).map { abs($0 - $1) }.max() ?? .infinity
            #expect(difference <= 1e-5, "layer \(layer)")
        }
    }

    @Test("the embeddings output is the layer-normalised sum of word and position vectors")
    func computesEmbeddings() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var file = tinyCheckpoint()
        file.addF32("embeddings.LayerNorm.weight", shape: [2], values: [2, 1])
        file.addF32("embeddings.LayerNorm.bias", shape: [2], values: [0, 0.5])
        try file.write(to: directory.url.appendingPathComponent("model.safetensors"))
        try directory.write(Self.tinyConfiguration, to: "config.json")

        let encoder = try Encoder(modelDirectory: directory.url)
        // Token 1 at position 0: (1, 2) + (0, 1) = (1, 3); mean 2, deviation 1 → (−1, 1).
        // Token 2 at position 1: (3, 0) + (2, 2) = (5, 2); mean 3.5, deviation 1.5 → (1, −1).
        let states = try encoder.hiddenStates(tokenIDs: [1, 2], layer: 0)
        #expect(states.values.count == 4)
        let expected: [Float] = [-2, 1.5, 2, -0.5]
        for (value, target) in zip(states.values, expected) {
            #expect(abs(value - target) <= 1e-6)
        }
    }

    @Test("a weight whose shape disagrees with the configuration is reported")
    func rejectsMisshapenWeight() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var file = tinyCheckpoint()
        file.addF32("embeddings.LayerNorm.weight", shape: [3], values: [1, 1, 1])
        file.addF32("embeddings.LayerNorm.bias", shape: [2], values: [0, 0])
        try file.write(to: directory.url.appendingPathComponent("model.safetensors"))
        try directory.write(Self.tinyConfiguration, to: "config.json")

        let error = try #require(throws: EncoderError.self) { try Encoder(modelDirectory: directory.url) }
        #expect(error.description == "weight 'embeddings.LayerNorm.weight' has shape [3]; the configuration implies [2]")
    }

    @Test("a missing weight is reported with its name")
    func rejectsMissingWeight() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = tinyCheckpoint()
        let weights = directory.url.appendingPathComponent("model.safetensors")
        try file.write(to: weights)
        try directory.write(Self.tinyConfiguration, to: "config.json")

        #expect(throws: EncoderError(.missingWeight(name: "embeddings.LayerNorm.weight", path: weights.path))) {
            try Encoder(modelDirectory: directory.url)
        }
    }

    /// A DistilBERT of width 2 with no layers, three words and two positions.
    static let tinyConfiguration = """
        {"model_type": "distilbert", "dim": 2, "n_heads": 1, "n_layers": 0, "hidden_dim": 4,
         "vocab_size": 3, "max_position_embeddings": 2}
        """

    private func tinyCheckpoint() -> SafeTensorsTestFile {
        var file = SafeTensorsTestFile()
        file.addF32("embeddings.word_embeddings.weight", shape: [3, 2], values: [0, 0, 1, 2, 3, 0])
        file.addF32("embeddings.position_embeddings.weight", shape: [2, 2], values: [0, 1, 2, 2])
        return file
    }

    /// Writes the test model's first layers under DistilBERT's names, with a `distilbert.` prefix
    /// as task checkpoints have. DistilBERT has no token types, so BERT's token-type-0 vector is
    /// folded into every position vector.
    private func writeDistilBERTCopyOfTestModel(to directory: TemporaryDirectory, layers: Int) throws {
        let source = try SafeTensorsFile(contentsOf: TestModel.directory().appendingPathComponent("model.safetensors"))
        let width = 384
        var file = SafeTensorsTestFile()
        func copy(_ from: String, to: String) throws {
            file.addF32(to, shape: try source.descriptor(named: from).shape, values: try source.floats(named: from))
        }
        try copy("embeddings.word_embeddings.weight", to: "distilbert.embeddings.word_embeddings.weight")
        let tokenType = try source.floats(named: "embeddings.token_type_embeddings.weight").prefix(width)
        let positions = try source.floats(named: "embeddings.position_embeddings.weight")
        let folded = positions.indices.map { positions[$0] + tokenType[$0 % width] }
        file.addF32("distilbert.embeddings.position_embeddings.weight", shape: [512, width], values: folded)
        for suffix in ["weight", "bias"] {
            try copy("embeddings.LayerNorm.\(suffix)", to: "distilbert.embeddings.LayerNorm.\(suffix)")
            for layer in 0..<layers {
                let names = [
                    ("attention.self.query", "attention.q_lin"), ("attention.self.key", "attention.k_lin"),
                    ("attention.self.value", "attention.v_lin"), ("attention.output.dense", "attention.out_lin"),
                    ("attention.output.LayerNorm", "sa_layer_norm"), ("intermediate.dense", "ffn.lin1"),
                    ("output.dense", "ffn.lin2"), ("output.LayerNorm", "output_layer_norm"),
                ]
                for (bert, distilBERT) in names {
                    try copy(
                        "encoder.layer.\(layer).\(bert).\(suffix)",
                        to: "distilbert.transformer.layer.\(layer).\(distilBERT).\(suffix)")
                }
            }
        }
        try file.write(to: directory.url.appendingPathComponent("model.safetensors"))
        try directory.write("""
            {"model_type": "distilbert", "architectures": ["DistilBertModel"], "dim": 384, "n_layers": \(layers),
             "n_heads": 12, "hidden_dim": 1536, "activation": "gelu", "vocab_size": 30522,
             "max_position_embeddings": 512}
            """, to: "config.json")
    }
}
