import Testing
import AssayMetrics

/// Every ROUGE value recorded for the two reference corpora (rouge-score 0.1.2), with and
/// without the stemmer.
@Suite("ROUGE matches rouge-score on the reference corpora")
struct RougeCorpusTests {
    private static let types: [RougeType] = [.rouge1, .rouge2, .rougeL, .rougeLsum]

    @Test("generated summaries: P/R/F of all four types for all 200 pairs", arguments: [false, true])
    func generatedSummaries(useStemmer: Bool) throws {
        let (pairs, reference) = try GeneratedSummariesReference.load()
        #expect(pairs.map(\.id) == reference.pairs.id)
        let expected = useStemmer ? reference.pairs.rouge_stem : reference.pairs.rouge_nostem
        let scores = RougeScorer(types: Self.types, useStemmer: useStemmer)
            .scores(targets: pairs.map(\.reference), predictions: pairs.map(\.prediction))
        var comparison = ReferenceComparison()
        for type in Self.types {
            let parts = try #require(expected[type.name])
            for (index, score) in scores.enumerated() {
                let actual = try #require(score[type])
                comparison.check(actual.precision, try #require(parts["precision"])[index], "\(pairs[index].id) \(type) P")
                comparison.check(actual.recall, try #require(parts["recall"])[index], "\(pairs[index].id) \(type) R")
                comparison.check(actual.fmeasure, try #require(parts["fmeasure"])[index], "\(pairs[index].id) \(type) F")
            }
        }
        #expect(comparison.checked == 200 * 4 * 3)
        #expect(comparison.failures.isEmpty, "\(comparison.summary)")
    }

    @Test("synthetic corpus: P/R/F of all four types for all 1000 pairs, and mean F", arguments: [false, true])
    func syntheticCorpus(useStemmer: Bool) throws {
        let (pairs, reference) = try SyntheticMetricsReference.load()
        #expect(pairs.map(\.id) == reference.pairs.id)
        let expected = useStemmer ? reference.pairs.rouge_stem : reference.pairs.rouge_nostem
        let means = try #require(reference.corpus.rouge_fmeasure_mean[useStemmer ? "rouge_stem" : "rouge_nostem"])
        let scores = RougeScorer(types: Self.types, useStemmer: useStemmer)
            .scores(targets: pairs.map(\.reference), predictions: pairs.map(\.prediction))
        var comparison = ReferenceComparison()
        for type in Self.types {
            let precisions = try #require(expected[type.name + "_precision"])
            let recalls = try #require(expected[type.name + "_recall"])
            let fmeasures = try #require(expected[type.name])
            for (index, score) in scores.enumerated() {
                let actual = try #require(score[type])
                comparison.check(actual.precision, precisions[index], "\(pairs[index].id) \(type) P")
                comparison.check(actual.recall, recalls[index], "\(pairs[index].id) \(type) R")
                comparison.check(actual.fmeasure, fmeasures[index], "\(pairs[index].id) \(type) F")
            }
            let mean = scores.reduce(0) { $0 + ($1[type]?.fmeasure ?? .nan) } / Double(scores.count)
            comparison.check(mean, try #require(means[type.name]), "mean \(type) F")
        }
        #expect(comparison.checked == 1000 * 4 * 3 + 4)
        #expect(comparison.failures.isEmpty, "\(comparison.summary)")
    }

    @Test("scoring pairs one at a time gives the same numbers as scoring them in a batch")
    func singleCallsAgreeWithBatch() throws {
        let (pairs, _) = try GeneratedSummariesReference.load()
        let scorer = RougeScorer(types: Self.types, useStemmer: true)
        let batch = scorer.scores(targets: pairs.map(\.reference), predictions: pairs.map(\.prediction))
        let single = pairs.map { scorer.score(target: $0.reference, prediction: $0.prediction) }
        #expect(batch == single)
    }
}
