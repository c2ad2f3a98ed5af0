import AssayEncoder
import Foundation
import Testing

@Suite("BERTScore behaviour")
struct BERTScoreBehaviourTests {
    @Test("greedy matching of sum-000 gives the reference's best cosines and matches")
    func matchesProbe() throws {
        let reference = try TestModel.reference.get()
        let probe = reference.matchingProbe
        let index = try #require(reference.index(of: probe.pair))
        let scorer = try TestModel.scorer(layers: 6, idf: false)
        let pair = reference.pairs[index]
        // sum-000 opens the first batch, so the match depends on that whole batch of 64.
        let batch = reference.pairs.prefix(64)
        let matches = try scorer.matches(
            candidateIDs: batch.map(\.candidateIDs), referenceIDs: batch.map(\.referenceIDs))
        let match = matches[index]
        #expect(pair.candidateIDs.map { scorer.tokenizer.token(for: $0) } == probe.candidateTokens)
        #expect(pair.referenceIDs.map { scorer.tokenizer.token(for: $0) } == probe.referenceTokens)
        #expect(match.candidateBestIndex == probe.candidateBestReferenceIndex)
        for (value, target) in zip(match.candidateBest, probe.candidateBestCosine) {
            #expect(abs(Double(value) - target) <= 1e-5)
        }
        for (value, target) in zip(match.referenceBest, probe.referenceBestCosine) {
            #expect(abs(Double(value) - target) <= 1e-5)
        }
    }

    @Test("IDF weights come from all references of the call, with +1 smoothing")
    func computesReferenceIDF() throws {
        let reference = try TestModel.reference.get()
        let probe = reference.matchingProbe
        let pair = try #require(reference.pairs.first { $0.id == probe.pair })
        let scorer = try TestModel.scorer(layers: 6, idf: true)
        let weights = scorer.tokenWeights(referenceIDs: reference.pairs.map(\.referenceIDs))
        for (tokenID, target) in zip(pair.candidateIDs, probe.candidateIDF) {
            #expect(abs(Double(weights.weight(of: tokenID)) - target) <= 1e-6, "token \(tokenID)")
        }
        for (tokenID, target) in zip(pair.referenceIDs, probe.referenceIDF) {
            #expect(abs(Double(weights.weight(of: tokenID)) - target) <= 1e-6, "token \(tokenID)")
        }
        #expect(abs(Double(weights.weight(of: 29_999)) - probe.unseenTokenIDF) <= 1e-6)
    }

    @Test("document frequency counts each reference once, duplicates separately")
    func countsDocumentFrequency() {
        let weights = TokenWeights.inverseDocumentFrequency(references: [
            [101, 5, 5, 102], [101, 5, 102], [101, 6, 102],
        ])
        #expect(weights.weight(of: 101) == 0)
        #expect(weights.weight(of: 5) == Float(log(4.0 / 3.0)))
        #expect(weights.weight(of: 6) == Float(log(4.0 / 2.0)))
        #expect(weights.weight(of: 7) == Float(log(4.0)))
        let uniform = TokenWeights.uniform(classifierTokenID: 101, separatorTokenID: 102)
        #expect([101, 102, 5, 0].map(uniform.weight(of:)) == [0, 0, 1, 1])
    }

    @Test("in a batch with a longer reference, a negative best cosine is raised to the padding's 0")
    func reproducesZeroPaddingClamp() throws {
        let reference = try TestModel.reference.get()
        let index = try #require(reference.index(of: "sum-134"))
        let expected = reference.pairs[index].layer6
        let inBatch = try TestModel.scorer(layers: 6, idf: false)
            .score(candidates: reference.candidates, references: reference.references)[index]
        let alone = try TestModel.scorer(layers: 6, idf: false)
            .score(candidates: [reference.candidates[index]], references: [reference.references[index]])[0]
        #expect(abs(Double(inBatch.recall) - expected[1]) <= 1e-5)
        // Scored alone there is no padding, so the negative cosine counts and recall is lower.
        #expect(Double(inBatch.recall) - Double(alone.recall) > 1e-3)
        #expect(abs(Double(alone.precision) - expected[0]) <= 1e-5)
    }

    @Test("identical texts score 1")
    func scoresIdenticalTextsAsOne() throws {
        let scorer = try TestModel.scorer(layers: 6, idf: false)
        let score = try scorer.score(candidates: ["The results were released."], references: ["The results were released."])[0]
        #expect(abs(score.precision - 1) <= 1e-6)
        #expect(abs(score.recall - 1) <= 1e-6)
        #expect(abs(score.f1 - 1) <= 1e-6)
    }

    @Test("an empty candidate or reference scores 0 with a warning instead of failing")
    func scoresEmptyTextsAsZero() throws {
        let scorer = try TestModel.scorer(layers: 6, idf: false)
        let scores = try scorer.score(
            candidates: ["", "Profit rose.", "  \n ", "Profit rose."],
            references: ["Profit rose.", "", "", "Profit rose sharply."])
        let zero = (precision: Float(0), recall: Float(0), f1: Float(0))
        for (score, warnings) in zip(scores.prefix(3), [
            BERTScoreWarnings.emptyCandidate, .emptyReference, [.emptyCandidate, .emptyReference],
        ]) {
            #expect((score.precision, score.recall, score.f1) == zero)
            #expect(score.warnings == warnings)
        }
        #expect(scores[3].warnings.isEmpty)
        #expect(scores[3].f1 > 0.5)
        #expect(BERTScoreWarnings([.emptyCandidate, .emptyReference]).description == "[emptyCandidate, emptyReference]")
    }

    @Test("with IDF, a text made only of tokens found in every reference has undefined P/R and F1 0")
    func flagsZeroWeightSum() throws {
        let scorer = try TestModel.scorer(layers: 6, idf: true)
        let score = try scorer.score(candidates: ["profit"], references: ["profit"])[0]
        #expect(score.precision.isNaN)
        #expect(score.recall.isNaN)
        #expect(score.f1 == 0)
        #expect(score.warnings == .zeroWeightSum)
    }

    @Test("invalid arguments are rejected with a message")
    func rejectsInvalidArguments() throws {
        let scorer = try TestModel.scorer(layers: 6, idf: false)
        let error = try #require(throws: BERTScoreError.self) {
            try scorer.score(candidates: ["a", "b"], references: ["a"])
        }
        #expect(error.description == "got 2 candidates but 1 references; they are scored in pairs")
        #expect(throws: BERTScoreError(.invalidBatchSize(0))) { try TestModel.scorer(layers: 6, idf: false, batchSize: 0) }
        #expect(throws: BERTScoreError(.layerOutOfRange(requested: 7, available: 6))) {
            try TestModel.scorer(layers: 7, idf: false)
        }
        #expect(throws: BERTScoreError(.layerOutOfRange(requested: 7, available: 6))) {
            try BERTScorer(modelDirectory: TestModel.directory(), layers: 7)
        }
        #expect(try scorer.score(candidates: [], references: []).isEmpty)
    }
}
