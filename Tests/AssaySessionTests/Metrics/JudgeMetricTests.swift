import AssayEvaluation
import AssayMetrics
@testable import AssaySession
import Foundation
import Synchronization
import Testing

@Suite struct JudgeMetricTests {
    /// The `echo` mock answers the rendered judge prompt, so each case's `verdict` field scripts the
    /// judge's answer.
    static let setup = #"""
    cases = [
      {id: "good", input: "q1", expected: "a1", verdict: "Score: 8/10"},
      {id: "fine", input: "q2", expected: "a2", verdict: "Rating: 6 out of 10"},
      {id: "refused", input: "q3", expected: "a3", verdict: "I cannot evaluate this."},
      {id: "wordy", input: "q4", expected: "a4", verdict: "no score here"},
    ]
    j = judge("echo", "Answer {{ output }} for {{ input }} (want {{ expected }}). {{ verdict }}", scale: [1, 10])
    r = run(cases, template: "{{ input }}", model: "perfect", metrics: ["exact", j])
    """#

    @Test("a judge renders case, output and expected, and stores its score, raw answer and tokens")
    func scores() async {
        let fixture = MetricsFixture()
        await fixture.run(Self.setup)
        #expect(await fixture.output("r/cases/0/metrics/judge/score") == "8")
        #expect(await fixture.output("r/cases/0/metrics/judge/raw") == "Answer a1 for q1 (want a1). Score: 8/10")
        #expect(await fixture.output("r/cases/1/metrics/judge/score") == "6")
        #expect(await fixture.number("r/cases/0/metrics/judge/prompt_tokens") == 8)
        #expect(await fixture.number("r/cases/0/metrics/judge/completion_tokens") == 8)
        #expect(await fixture.output("r/summary/judge/score/n") == "2")
        #expect(await fixture.number("r/summary/judge/score/mean") == 7)
    }

    @Test("a judge that gives no readable score makes the case judge_error with its raw answer, never a 0")
    func judgeErrors() async {
        let fixture = MetricsFixture()
        await fixture.run(Self.setup)
        #expect(await fixture.output("r/cases/2/status") == "judge_error")
        #expect(await fixture.output("r/cases/2/error").contains("I cannot evaluate this."))
        #expect(await fixture.output("r/cases/3/status") == "judge_error")
        #expect(await fixture.output("r/cases/3/error").contains("no score here"))
        #expect(await fixture.output("r/cases/3/metrics/exact") == "1")
        #expect(await fixture.output("r/counts/errors") == "2")
    }

    @Test("a judge can be named in a record and normalise its scale")
    func namedAndNormalised() async {
        let fixture = MetricsFixture()
        await fixture.run(#"""
        cases = [{id: "x", input: "q", expected: "a", verdict: "Score: 4/5"}]
        r = run(cases, template: "{{ input }}", model: "perfect",
                metrics: [{quality: judge("echo", "{{ verdict }}", scale: [1, 5], normalize: true)}])
        """#)
        #expect(await fixture.output("r/cases/0/metrics/quality/score") == "0.75")
    }

    @Test("judge answers are kept in the run store's response cache: a second judgement calls no model")
    func cached() async throws {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("assay-judge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try RunStore(path: directory.appendingPathComponent("runs.sqlite").path)
        let judge = ScriptedJudge(answer: "Score: 9")
        let metric = JudgeMetric(model: judge, template: try PromptTemplate(text: "Rate {{ output }}"), parser: JudgeScoreParser(scale: 1...10),
                                 store: store, timeout: .seconds(5))
        let input = ScoringInput(testCase: TestCase(id: "c", fields: ["input": "q"]), output: "an answer", extracted: "an answer")
        let first = try await metric.evaluate(input)
        let second = try await metric.evaluate(input)
        #expect(first.objectValue?["score"] == .double(9))
        #expect(second == first)
        #expect(judge.calls == 1)
        let other = ScoringInput(testCase: TestCase(id: "d", fields: ["input": "q"]), output: "another answer", extracted: "another answer")
        _ = try await metric.evaluate(other)
        #expect(judge.calls == 2)
    }

    @Test("a judge model that fails to answer is a JudgeError naming the judge")
    func failingJudge() async throws {
        let metric = JudgeMetric(model: ScriptedJudge(answer: nil), template: try PromptTemplate(text: "Rate {{ output }}"),
                                 parser: JudgeScoreParser(scale: 1...10), store: nil, timeout: .seconds(5))
        let input = ScoringInput(testCase: TestCase(id: "c", fields: [:]), output: "x", extracted: "x")
        await #expect(throws: JudgeError.self) { try await metric.evaluate(input) }
    }
}

/// A judge that always gives the same answer (or a non-retryable failure when nil) and counts calls.
final class ScriptedJudge: ChatModel {
    let answer: String?
    private let count = Mutex(0)
    let descriptor = ModelDescriptor(name: "scripted-judge", provider: "test", model: "scripted")

    init(answer: String?) {
        self.answer = answer
    }

    var calls: Int { count.withLock { $0 } }

    func complete(_ request: ModelRequest) async throws(ModelCallError) -> ModelResponse {
        count.withLock { $0 += 1 }
        guard let answer else { throw ModelCallError(.client(status: 401), "unauthorised") }
        return ModelResponse(text: answer, usage: TokenUsage(prompt: 3, completion: 2))
    }
}
