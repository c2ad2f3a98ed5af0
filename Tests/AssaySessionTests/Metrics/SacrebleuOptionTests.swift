import AssayMetrics
import AssaySession
import Testing

/// `bleu(…)` and `chrf(…)` take sacrebleu's options and give the library's numbers and signatures.
@Suite struct SacrebleuOptionTests {
    static let hypothesis = "The cat sat on the mat."
    static let reference = "The cat is on the mat."

    @Test("sentence BLEU with each smoothing is the library's sentence_bleu with that smoothing")
    func smoothing() async {
        let fixture = MetricsFixture()
        let cases: [(String, BLEU.Smoothing)] = [("exp", .exponential), ("floor", .floor(0.1)), ("add-k", .addK(1)), ("none", .none)]
        for (name, smoothing) in cases {
            let expected = BLEU(smoothing: smoothing, effectiveOrder: true).sentenceScore(hypothesis: "a b c", references: ["a b d"]).score
            let got = await fixture.number(#"bleu("a b c", "a b d", smooth: "\#(name)")"#)
            #expect(got == expected, "smooth: \(name)")
        }
        // With a zero count the smoothings differ, so the option is really passed on.
        #expect(await fixture.number(#"bleu("a b c", "a b d", smooth: "floor")"#) != (await fixture.number(#"bleu("a b c", "a b d", smooth: "none")"#)))
    }

    @Test("corpus BLEU reports the signature of its tokenizer and smoothing")
    func signature() async {
        let fixture = MetricsFixture()
        #expect(await fixture.output(#"bleu(["a b c d e"], ["a b c d f"], tokenize: "none", smooth: "add-k")/signature"#)
            == "nrefs:1|case:mixed|eff:no|tok:none|smooth:add-k[1.00]|version:2.6.0")
        #expect(await fixture.output(#"bleu(["a b"], ["a b"], lowercase: true)/signature"#).contains("case:lc"))
    }

    @Test("chrF++ is chrf with word_order: 2")
    func chrfPlusPlus() async {
        let fixture = MetricsFixture()
        let expected = CHRF(wordOrder: 2).sentenceScore(hypothesis: Self.hypothesis, references: [Self.reference]).score
        #expect(await fixture.number(#"chrf("\#(Self.hypothesis)", "\#(Self.reference)", word_order: 2)"#) == expected)
        #expect(await fixture.number(#"chrf("\#(Self.hypothesis)", "\#(Self.reference)")"#) != expected)
    }

    @Test("an unknown tokenizer or smoothing is an error with a suggestion")
    func unknownOptions() async {
        let fixture = MetricsFixture()
        let (_, smoothing) = await fixture.run(#"bleu("a", "b", smooth: "flor")"#)
        #expect(smoothing.errorLines.joined(separator: "\n").contains("did you mean 'floor'?"))
        let (_, tokenizer) = await fixture.run(#"bleu("a", "b", tokenize: "intll")"#)
        #expect(tokenizer.errorLines.joined(separator: "\n").contains("unknown BLEU tokenizer 'intll'"))
    }
}
