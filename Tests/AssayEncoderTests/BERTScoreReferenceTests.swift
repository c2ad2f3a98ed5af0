import AssayEncoder
import Testing

/// One of the three bert-score calls recorded in the fixtures.
struct BERTScoreCall: CustomTestStringConvertible, Sendable {
    let name: String
    let layers: Int
    let idf: Bool
    let expected: @Sendable (ReferenceData.Pair) -> [Double]

    var testDescription: String { name }

    static let all: [BERTScoreCall] = [
        BERTScoreCall(name: "6 layers, no IDF", layers: 6, idf: false) { $0.layer6 },
        BERTScoreCall(name: "6 layers, IDF", layers: 6, idf: true) { $0.layer6IDF },
        BERTScoreCall(name: "4 layers, no IDF", layers: 4, idf: false) { $0.layer4 },
    ]
}

@Suite("BERTScore against bert-score 0.3.13")
struct BERTScoreReferenceTests {
    @Test("all 200 pairs agree to 1e-5 in precision, recall and F1", arguments: BERTScoreCall.all)
    func matchesReference(call: BERTScoreCall) throws {
        let reference = try TestModel.reference.get()
        let scorer = try TestModel.scorer(layers: call.layers, idf: call.idf)
        let scores = try scorer.score(candidates: reference.candidates, references: reference.references)
        try #require(scores.count == reference.pairs.count)
        var largest = 0.0
        for (pair, score) in zip(reference.pairs, scores) {
            let expected = call.expected(pair)
            let actual = [score.precision, score.recall, score.f1].map(Double.init)
            for (name, (value, target)) in zip(["P", "R", "F1"], zip(actual, expected)) {
                let difference = abs(value - target)
                largest = max(largest, difference)
                #expect(difference <= 1e-5, "\(pair.id) \(name): \(value) vs \(target)")
            }
            #expect(score.warnings.isEmpty, "\(pair.id)")
        }
        #expect(largest <= 1e-5)
    }

    @Test("a scorer loaded from the model directory with 4 layers matches the 4-layer call")
    func loadsFromDirectory() throws {
        let reference = try TestModel.reference.get()
        let scorer = try BERTScorer(modelDirectory: TestModel.directory(), layers: 4)
        #expect(scorer.encoder.layerCount == 4)
        #expect(scorer.tokenizer.maximumLength == 512)
        let pairs = Array(reference.pairs.prefix(64))
        let scores = try scorer.score(
            candidates: Array(reference.candidates.prefix(64)), references: Array(reference.references.prefix(64)))
        for (pair, score) in zip(pairs, scores) {
            #expect(abs(Double(score.f1) - pair.layer4[2]) <= 1e-5, "\(pair.id)")
        }
    }
}
