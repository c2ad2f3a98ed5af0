import AssayEncoder
import Testing

@Suite("Documentation examples")
struct DocumentationExampleTests {
    @Test("the BERTScorer example scores a paraphrase highly")
    func scorerExample() throws {
        let directory = try TestModel.directory()
        let scorer = try BERTScorer(modelDirectory: directory, layers: 6)
        let scores = try scorer.score(candidates: ["The cat sat."], references: ["A cat was sitting."])
        #expect(scores.count == 1)
        #expect(scores[0].f1 > 0.5 && scores[0].f1 < 1)
    }

    @Test("the Encoder example returns one vector per token")
    func encoderExample() throws {
        let encoder = try TestModel.encoder.get()
        let states = try encoder.hiddenStates(tokenIDs: [101, 7592, 102], layer: 6)
        #expect(states.tokenCount == 3)
        #expect(states[0].count == 384)
    }
}
