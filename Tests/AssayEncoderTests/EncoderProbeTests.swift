import AssayEncoder
import Testing

@Suite("Encoder hidden states")
struct EncoderProbeTests {
    @Test("every layer agrees with the reference BertModel to 1e-4", arguments: 0...6)
    func matchesReferenceLayer(layer: Int) throws {
        let probe = try TestModel.reference.get().encoderProbe
        let expected = try #require(probe.layers.first { $0.layer == layer })
        let states = try TestModel.encoder.get().hiddenStates(tokenIDs: probe.ids, layer: layer)
        #expect(states.tokenCount == probe.ids.count)
        #expect(states.width == 384)
        let tolerance = 1e-4
        for token in 0..<states.tokenCount {
            let row = states[token].map(Double.init)
            for (index, value) in expected.first8[token].enumerated() {
                #expect(abs(row[index] - value) <= tolerance, "layer \(layer) token \(token) value \(index)")
            }
            let norm = row.reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(norm - expected.l2norm[token]) <= tolerance, "layer \(layer) token \(token) norm")
            let sum = row.reduce(0, +)
            #expect(abs(sum - expected.sum[token]) <= tolerance, "layer \(layer) token \(token) sum")
        }
    }

    @Test("a batch of different lengths gives each sequence its own result")
    func batchEqualsSingleRuns() throws {
        let encoder = try TestModel.encoder.get()
        let sequences = [[101, 7592, 102], [101, 2630, 6496, 2924, 1005, 1055, 5618, 102], [101, 102]]
        let batched = try encoder.hiddenStates(batch: sequences, layer: 6)
        #expect(batched.count == 3)
        for (sequence, states) in zip(sequences, batched) {
            let alone = try encoder.hiddenStates(tokenIDs: sequence, layer: 6)
            #expect(states.tokenCount == sequence.count)
            let difference = zip(states.values, alone.values).map { abs($0 - $1) }.max() ?? 0
            #expect(difference <= 1e-5)
        }
    }

    @Test("invalid requests are rejected with a message")
    func rejectsInvalidRequests() throws {
        let encoder = try TestModel.encoder.get()
        #expect(encoder.layerCount == 6)
        #expect(throws: EncoderError(.layerOutOfRange(requested: 7, available: 6))) {
            try encoder.hiddenStates(tokenIDs: [101, 102], layer: 7)
        }
        #expect(throws: EncoderError(.emptySequence(index: 1))) {
            try encoder.hiddenStates(batch: [[101, 102], []], layer: 1)
        }
        #expect(throws: EncoderError(.tokenIDOutOfRange(index: 0, tokenID: 30522, vocabularySize: 30522))) {
            try encoder.hiddenStates(tokenIDs: [101, 30522, 102], layer: 1)
        }
        let tooLong = [101] + Array(repeating: 2773, count: 511) + [102]
        let error = try #require(throws: EncoderError.self) { try encoder.hiddenStates(tokenIDs: tooLong, layer: 0) }
        #expect(error.description == "sequence 0 has 513 tokens; the model accepts at most 512")
    }

    @Test("loading fewer layers limits the available layers; more than the model has is an error")
    func loadsLayerSubset() throws {
        let directory = try TestModel.directory()
        let partial = try Encoder(modelDirectory: directory, layerCount: 2)
        #expect(partial.layerCount == 2)
        let full = try TestModel.encoder.get()
        let ids = [101, 7592, 102]
        #expect(try partial.hiddenStates(tokenIDs: ids, layer: 2) == full.hiddenStates(tokenIDs: ids, layer: 2))
        #expect(throws: EncoderError(.layerCountOutOfRange(requested: 7, available: 6))) {
            try Encoder(modelDirectory: directory, layerCount: 7)
        }
    }

    @Test("a directory without model.safetensors is reported")
    func rejectsMissingWeights() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write(#"{"model_type": "bert"}"#, to: "config.json")
        let path = directory.url.appendingPathComponent("model.safetensors").path
        #expect(throws: SafeTensorsError(.fileNotFound(path: path))) {
            try Encoder(modelDirectory: directory.url)
        }
    }
}
