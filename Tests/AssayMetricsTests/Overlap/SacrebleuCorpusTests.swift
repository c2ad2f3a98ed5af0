import Testing
import AssayMetrics

/// Every BLEU and chrF value recorded for the two reference corpora (sacrebleu 2.6.0).
@Suite("BLEU and chrF match sacrebleu on the reference corpora")
struct SacrebleuCorpusTests {
    private static func check(
        _ result: BLEUScore, against expected: ReferenceCorpusBLEU, into comparison: inout ReferenceComparison
    ) {
        comparison.check(result.score, expected.score, "corpus BLEU")
        comparison.check(result.counts, equals: expected.counts, "counts")
        comparison.check(result.totals, equals: expected.totals, "totals")
        comparison.check(result.precisions.count, equals: expected.precisions.count, "precision orders")
        for (order, precision) in zip(result.precisions, expected.precisions).enumerated() {
            comparison.check(precision.0, precision.1, "precision \(order + 1)")
        }
        comparison.check(result.brevityPenalty, expected.bp, "brevity penalty")
        comparison.check(result.systemLength, equals: expected.sys_len, "system length")
        comparison.check(result.referenceLength, equals: expected.ref_len, "reference length")
    }

    @Test("generated summaries: sentence BLEU and chrF of all 200 pairs, and their mean")
    func generatedSummariesSentences() throws {
        let (pairs, reference) = try GeneratedSummariesReference.load()
        let hypotheses = pairs.map(\.prediction)
        let references = [pairs.map(\.reference)]
        let bleu = BLEU.sentenceLevel.sentenceScores(hypotheses: hypotheses, references: references)
        let chrf = CHRF().sentenceScores(hypotheses: hypotheses, references: references)
        var comparison = ReferenceComparison()
        for index in pairs.indices {
            comparison.check(bleu[index].score, reference.pairs.sentence_bleu[index], "\(pairs[index].id) BLEU")
            comparison.check(chrf[index].score, reference.pairs.sentence_chrf[index], "\(pairs[index].id) chrF")
        }
        let mean = bleu.reduce(0) { $0 + $1.score } / Double(bleu.count)
        comparison.check(mean, reference.corpus.sentence_bleu_mean, "mean sentence BLEU")
        #expect(comparison.checked == 401)
        #expect(comparison.failures.isEmpty, "\(comparison.summary)")
    }

    @Test("generated summaries: corpus BLEU with its statistics, chrF and chrF++ with signatures")
    func generatedSummariesCorpus() throws {
        let (pairs, reference) = try GeneratedSummariesReference.load()
        let hypotheses = pairs.map(\.prediction)
        let references = [pairs.map(\.reference)]
        var comparison = ReferenceComparison()
        Self.check(BLEU().corpusScore(hypotheses: hypotheses, references: references),
                   against: reference.corpus.bleu, into: &comparison)
        comparison.check(BLEU().signature(referenceCount: 1), equals: reference.corpus.bleu.signature, "BLEU signature")
        for (chrf, expected) in [(CHRF(), reference.corpus.chrf), (CHRF(wordOrder: 2), reference.corpus.chrf_pp)] {
            comparison.check(chrf.corpusScore(hypotheses: hypotheses, references: references).score, expected.score,
                             "corpus \(chrf)")
            comparison.check(chrf.signature(referenceCount: 1), equals: expected.signature, "signature \(chrf)")
        }
        #expect(comparison.checked == 16)
        #expect(comparison.failures.isEmpty, "\(comparison.summary)")
    }

    @Test("synthetic corpus: sentence BLEU of all 1000 pairs and its mean")
    func syntheticSentences() throws {
        let (pairs, reference) = try SyntheticMetricsReference.load()
        let bleu = BLEU.sentenceLevel.sentenceScores(
            hypotheses: pairs.map(\.prediction), references: [pairs.map(\.reference)])
        var comparison = ReferenceComparison()
        for index in pairs.indices {
            comparison.check(bleu[index].score, reference.pairs.sentence_bleu[index], "\(pairs[index].id) BLEU")
        }
        let mean = bleu.reduce(0) { $0 + $1.score } / Double(bleu.count)
        comparison.check(mean, reference.corpus.sentence_bleu_mean, "mean sentence BLEU")
        #expect(comparison.checked == 1001)
        #expect(comparison.failures.isEmpty, "\(comparison.summary)")
    }

    @Test("synthetic corpus: corpus BLEU with its statistics and chrF, with signatures")
    func syntheticCorpus() throws {
        let (pairs, reference) = try SyntheticMetricsReference.load()
        let hypotheses = pairs.map(\.prediction)
        let references = [pairs.map(\.reference)]
        var comparison = ReferenceComparison()
        Self.check(BLEU().corpusScore(hypotheses: hypotheses, references: references),
                   against: reference.corpus.bleu, into: &comparison)
        comparison.check(BLEU().signature(referenceCount: 1), equals: reference.conventions.corpus_bleu.signature,
                         "BLEU signature")
        let chrf = CHRF()
        let result = chrf.corpusScore(hypotheses: hypotheses, references: references)
        comparison.check(result.score, reference.corpus.chrf.score, "corpus chrF")
        comparison.check(result.characterOrder, equals: reference.corpus.chrf.char_order ?? -1, "char order")
        comparison.check(result.wordOrder, equals: reference.corpus.chrf.word_order ?? -1, "word order")
        comparison.check(result.beta, equals: reference.corpus.chrf.beta ?? -1, "beta")
        comparison.check(chrf.signature(referenceCount: 1), equals: reference.conventions.corpus_chrf.signature,
                         "chrF signature")
        #expect(comparison.checked == 17)
        #expect(comparison.failures.isEmpty, "\(comparison.summary)")
    }

    @Test("per-call sentence scores agree with batch scores")
    func singleCallsAgreeWithBatch() throws {
        let (pairs, _) = try GeneratedSummariesReference.load()
        let hypotheses = pairs.map(\.prediction)
        let references = pairs.map(\.reference)
        let bleu = BLEU.sentenceLevel
        #expect(bleu.sentenceScores(hypotheses: hypotheses, references: [references])
                == zip(hypotheses, references).map { bleu.sentenceScore(hypothesis: $0, references: [$1]) })
        let chrf = CHRF(wordOrder: 2)
        #expect(chrf.sentenceScores(hypotheses: hypotheses, references: [references])
                == zip(hypotheses, references).map { chrf.sentenceScore(hypothesis: $0, references: [$1]) })
    }
}
