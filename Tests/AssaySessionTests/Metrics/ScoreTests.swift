import AssayEvaluation
import AssaySession
import Foundation
import Testing

@Suite struct ScoreTests {
    @Test("score evaluates a field already in the cases and stores a run with no model calls")
    func scoresAField() async throws {
        let fixture = MetricsFixture()
        await fixture.run(#"""
        cases = [
          {id: "a", input: "q1", reference: "the cat sat", prediction: "the cat sat"},
          {id: "b", input: "q2", reference: "the cat sat", prediction: "a dog ran"},
        ]
        r = score(cases, output: "prediction", expected: "reference", metrics: ["exact", "rouge", "bleu"])
        """#)
        #expect(await fixture.output("r/status") == "completed")
        #expect(await fixture.output("r/model/provider") == "field")
        #expect(await fixture.output("r/cases/1/output") == "a dog ran")
        #expect(await fixture.output("r/cases/1/expected") == "the cat sat")
        #expect(await fixture.number("r/summary/exact/mean") == 0.5)
        #expect(await fixture.number("r/cases/0/metrics/rouge/rougeL/f1") == 1)
        #expect(await fixture.number("r/cases/1/metrics/rouge/rougeL/f1") == 0)
        #expect(await fixture.number("r/summary/rouge/rougeL/f1/mean") == 0.5)
        #expect(await fixture.output(#"runs("latest")/id == r/id"#) == "true")
        let store = try RunStore(path: fixture.storePath)
        #expect(try store.cachedAnswerCount() == 0)
    }

    @Test("a case without the output field is an error naming the field and the case")
    func missingField() async {
        let fixture = MetricsFixture()
        await fixture.run(#"""
        r = score([{id: "a", expected: "x", prediction: "x"}, {id: "b", expected: "x"}], output: "prediction", metrics: ["exact"])
        """#)
        #expect(await fixture.output("r/cases/0/status") == "ok")
        #expect(await fixture.output("r/cases/1/status") == "template_error")
        #expect(await fixture.output("r/cases/1/error").contains("'prediction'"))
        #expect(await fixture.output("r/cases/1/error").contains("case \"b\""))
    }

    @Test("every text metric is also a plain function")
    func plainTextMetrics() async {
        let fixture = MetricsFixture()
        #expect(await fixture.number(#"rouge("the cat sat", "the cat sat")/rougeL/f1"#) == 1)
        // sacrebleu gives 100.00000000000004 here too: exp of the mean of four log(100)s.
        #expect(abs(await fixture.number(#"bleu("the cat sat on the mat", "the cat sat on the mat")"#) - 100) < 1e-9)
        #expect(await fixture.number(#"chrf("abc", "abc")"#) == 100)
        #expect(await fixture.number(#"edit_similarity("kitten", "sitting")"#) == 1 - 3.0 / 7.0)
    }
}

@Suite struct LambdaMetricTests {
    static let cases = #"cases = [{id: "short", input: "q", expected: "yes"}, {id: "long", input: "q", expected: "a much longer answer"}]"#

    @Test("a lambda receives the case result and may return a number or a boolean")
    func numbersAndBooleans() async {
        let fixture = MetricsFixture()
        await fixture.run(Self.cases)
        await fixture.run(#"r = run(cases, template: "{{ input }}", model: "perfect", metrics: [c => len(c/output), {brief: c => len(c/output) < 5}])"#)
        #expect(await fixture.output("r/cases/0/metrics/custom1") == "3")
        #expect(await fixture.output("r/cases/1/metrics/custom1") == "20")
        #expect(await fixture.output("r/cases/0/metrics/brief") == "1")
        #expect(await fixture.output("r/cases/1/metrics/brief") == "0")
        #expect(await fixture.number("r/summary/brief/mean") == 0.5)
    }

    @Test("a failing lambda or one returning text gives metric_error naming the metric and the case")
    func errors() async {
        let fixture = MetricsFixture()
        await fixture.run(Self.cases)
        await fixture.run(#"r = run(cases, template: "{{ input }}", model: "perfect", metrics: [{broken: c => c/nope}, {wordy: c => c/output}])"#)
        #expect(await fixture.output("r/cases/0/status") == "metric_error")
        let error = await fixture.output("r/cases/1/error")
        #expect(error.contains("metric 'broken'"))
        #expect(error.contains("long"))
        #expect(error.contains("metric 'wordy' returned string for case long"))
    }
}
