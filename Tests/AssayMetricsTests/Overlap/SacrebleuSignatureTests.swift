import Testing
@testable import AssayMetrics

/// Signature strings; expected values are sacrebleu 2.6.0's `get_signature()` after scoring
/// with the given number of references (`var` for a variable number).
@Suite("BLEU and chrF signatures match sacrebleu's")
struct SacrebleuSignatureTests {
    @Test("BLEU signatures", arguments: [
        (BLEU(), 1, "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0"),
        (BLEU(lowercase: true, tokenizer: .international, smoothing: .floor(), effectiveOrder: true), 2,
         "nrefs:2|case:lc|eff:yes|tok:intl|smooth:floor[0.10]|version:2.6.0"),
        (BLEU(tokenizer: .character, smoothing: .addK()), 1,
         "nrefs:1|case:mixed|eff:no|tok:char|smooth:add-k[1.00]|version:2.6.0"),
        (BLEU(tokenizer: .none, smoothing: .floor(0.015)), nil,
         "nrefs:var|case:mixed|eff:no|tok:none|smooth:floor[0.01]|version:2.6.0"),
        (BLEU(smoothing: .none), 3, "nrefs:3|case:mixed|eff:no|tok:13a|smooth:none|version:2.6.0"),
    ] as [(BLEU, Int?, String)])
    func bleu(configuration: BLEU, references: Int?, signature: String) {
        #expect(configuration.signature(referenceCount: references) == signature)
    }

    @Test("chrF signatures", arguments: [
        (CHRF(), 1, "nrefs:1|case:mixed|eff:yes|nc:6|nw:0|space:no|version:2.6.0"),
        (CHRF(wordOrder: 2, lowercase: true, whitespace: true, epsilonSmoothing: true), 2,
         "nrefs:2|case:lc|eff:no|nc:6|nw:2|space:yes|version:2.6.0"),
        (CHRF(characterOrder: 4, wordOrder: 1, beta: 3), nil,
         "nrefs:var|case:mixed|eff:yes|nc:4|nw:1|space:no|version:2.6.0"),
    ] as [(CHRF, Int?, String)])
    func chrf(configuration: CHRF, references: Int?, signature: String) {
        #expect(configuration.signature(referenceCount: references) == signature)
    }

    @Test("smoothing values print like Python's {:.2f}: half to even on the exact binary value", arguments: [
        (0.1, "0.10"), (1, "1.00"), (0.125, "0.12"), (0.375, "0.38"), (2.675, "2.67"), (1.005, "1.00"),
        (0.015, "0.01"), (0.025, "0.03"), (-0.005, "-0.01"), (1e-9, "0.00"), (123.455, "123.45"),
        (1e16 / 3, "3333333333333333.50"), (1e20, "100000000000000000000.00"),
    ] as [(Double, String)])
    func fixedPoint(value: Double, text: String) {
        #expect(SacrebleuSignature.fixed2(value) == text)
    }

    @Test("chrF score names", arguments: [(CHRF(), "chrF2"), (CHRF(wordOrder: 2), "chrF2++"), (CHRF(beta: 3), "chrF3")])
    func names(configuration: CHRF, name: String) {
        #expect(configuration.sentenceScore(hypothesis: "a", references: ["a"]).name == name)
    }
}
