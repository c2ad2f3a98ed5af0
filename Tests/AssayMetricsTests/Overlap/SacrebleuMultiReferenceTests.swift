import Testing
import AssayMetrics

/// Several references per segment; expected values are sacrebleu 2.6.0's.
@Suite("BLEU and chrF with several references match sacrebleu")
struct SacrebleuMultiReferenceTests {
    @Test("sentence BLEU clips each n-gram by its largest count in any one reference")
    func sentenceBLEU() {
        let score = BLEU.sentenceLevel.sentenceScore(
            hypothesis: "the cat sat on the mat", references: ["the cat is on the mat", "a cat sat on a mat"])
        #expect(OverlapFixture.isClose(score.score, 53.7284965911771))
    }

    @Test("sentence chrF keeps the best reference, whatever the order of references")
    func sentenceCHRF() {
        let chrf = CHRF()
        for references in [["the cat sat on", "a cat sat"], ["a cat sat", "the cat sat on"]] {
            let score = chrf.sentenceScore(hypothesis: "the cat sat", references: references).score
            #expect(OverlapFixture.isClose(score, 79.34458487087205))
        }
    }

    @Test("corpus chrF adds the statistics of each segment's best reference")
    func corpusCHRF() {
        let score = CHRF().corpusScore(
            hypotheses: ["abc bca", "xyz"], references: [["ab cd", "xy"], ["cd ab", "xyzw"]]).score
        #expect(OverlapFixture.isClose(score, 45.78269267005841))
    }

    @Test("only as many segments are scored as the shortest stream holds, as Python's zip does")
    func shortestStream() {
        let full = BLEU().corpusScore(hypotheses: ["a b c d"], references: [["a b c d"]])
        let extra = BLEU().corpusScore(hypotheses: ["a b c d", "e f"], references: [["a b c d"]])
        #expect(full == extra)
    }
}
