import AssayEncoder
import Testing

@Suite("Token IDs of the reference pairs")
struct ReferenceTokenizationTests {
    @Test("every candidate encodes to the IDs bert-score fed the model")
    func candidatesMatch() throws {
        let reference = try TestModel.reference.get()
        let tokenizer = try TestModel.tokenizer.get()
        #expect(reference.pairs.count == 200)
        #expect(reference.texts.count == reference.pairs.count)
        for (pair, texts) in zip(reference.pairs, reference.texts) {
            #expect(pair.id == texts.id)
            #expect(tokenizer.encode(texts.prediction) == pair.candidateIDs, "candidate of \(pair.id)")
        }
    }

    @Test("every reference encodes to the IDs bert-score fed the model")
    func referencesMatch() throws {
        let reference = try TestModel.reference.get()
        let tokenizer = try TestModel.tokenizer.get()
        for (pair, texts) in zip(reference.pairs, reference.texts) {
            #expect(tokenizer.encode(texts.reference) == pair.referenceIDs, "reference of \(pair.id)")
        }
    }

    @Test("the probe sentence splits into the reference's pieces")
    func probeTokensMatch() throws {
        let probe = try TestModel.reference.get().encoderProbe
        let tokenizer = try TestModel.tokenizer.get()
        #expect(tokenizer.encode(probe.text) == probe.ids)
        #expect(probe.ids.map { tokenizer.token(for: $0) } == probe.tokens)
    }
}
