@testable import AssayEvaluation
import Foundation
import Synchronization
import Testing

/// Interrupting a run keeps what finished; resuming runs exactly what is missing.
struct ResumeTests {
    /// Answers depend only on the request, so any two runs agree case by case.
    static func answer(_ request: ModelRequest) -> String {
        let id = request.testCase?.id ?? "?"
        return percentile(id) < 70 ? request.testCase?.expected?.stringValue ?? "" : "wrong \(id)"
    }

    /// Answers the first `quickCalls` calls at once; later calls hang until cancelled.
    static func stallingModel(after quickCalls: Int) -> ScriptedModel {
        let gate = CallCounter()
        return ScriptedModel { request, _ throws(ModelCallError) in
            if gate.next() >= quickCalls { try await sleepOrCancel(.seconds(600)) }
            return ModelResponse(text: answer(request), usage: TokenUsage(prompt: 5, completion: 1))
        }
    }

    /// Waits until `condition` holds, checking every few milliseconds (at most about 20 s).
    static func waitUntil(_ condition: () -> Bool) async throws {
        for _ in 0..<4000 where !condition() {
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(condition())
    }

    @Test func cancellationKeepsFinishedCasesAndResumeCompletesTheRest() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let suite = RunTestKit.suite(count: 40)
        let stalling = Self.stallingModel(after: 15)
        let spec = RunSpec(name: "interrupted", suite: suite, template: RunTestKit.template, model: stalling, metrics: [.exact], concurrency: 4, samples: 2)
        let runner = Runner(store: store)
        let id = UUID()
        let task = Task { try await runner.runLoaded(spec, id: id) }
        try await Self.waitUntil { stalling.answered == 15 && stalling.calls == 19 }
        task.cancel()
        let interrupted = try await task.value
        #expect(interrupted.record.status == .interrupted)
        #expect(interrupted.results.count == 15)
        #expect(interrupted.record.counts.finished == 15)
        #expect(try await store.load(id).results.count == 15)

        // Resume with a spec rebuilt from the stored configuration and a live model.
        let settings = try RunSettings(configuration: interrupted.record.configuration)
        let fresh = ScriptedModel.answering(Self.answer)
        let rebuilt = RunSpec(
            settings: settings, suite: suite, template: try settings.makeTemplate(), model: fresh,
            extraction: try #require(settings.storedExtraction), metrics: try settings.metrics(from: MetricCatalogue(environment: MetricEnvironment()))
        )
        let resumed = try await runner.resumeLoaded(id, with: rebuilt)
        #expect(resumed.record.status == .completed)
        #expect(fresh.calls == 80 - 15)
        #expect(Set(fresh.requests.map(ScriptedModel.requestID)).isDisjoint(with: Set(interrupted.results.map { "\($0.caseID)#\($0.sample)" })))
        #expect(resumed.results.count == 80)
        #expect(resumed.record.counts == RunCounts(expected: 80, finished: 80, ok: resumed.results.filter { $0.status == .ok }.count,
                                                   errors: resumed.results.filter { $0.status != .ok }.count, cached: 0))

        // The same outputs, values and scores as a run that was never interrupted.
        let (otherStore, otherFolder) = try RunTestKit.store()
        defer { otherFolder.remove() }
        let straight = try await Runner(store: otherStore).runLoaded(
            RunSpec(name: "straight", suite: suite, template: RunTestKit.template, model: ScriptedModel.answering(Self.answer), metrics: [.exact], samples: 2)
        )
        #expect(Self.comparable(resumed.results) == Self.comparable(straight.results))
    }

    @Test func aRunLeftRunningByAKilledProcessIsCompletedByResume() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let suite = RunTestKit.suite(count: 10)
        let spec = RunSpec(name: "killed", suite: suite, template: RunTestKit.template, model: ScriptedModel.perfect(), metrics: [.exact])
        // What a killed process leaves behind: the run still `running`, some batches written.
        let id = UUID()
        try await store.createRun(id: id, spec: spec, configuration: spec.configuration)
        let survivors = (0..<4).map { index in
            CaseResult(caseID: "c\(index)", sample: 0, position: index, prompt: [ChatMessage(role: "user", content: "Q: question \(index)")],
                       output: "answer \(index)", extracted: .string("answer \(index)"), metrics: ["exact": 1], status: .ok)
        }
        try await store.write(results: survivors, answers: [], runID: id)
        #expect(try await store.select("latest").status == .running)

        let model = ScriptedModel.perfect()
        var respec = spec
        respec.model = model
        let resumed = try await Runner(store: store).resumeLoaded(id, with: respec)
        #expect(model.calls == 6)
        #expect(Set(model.requests.compactMap { $0.testCase?.id }) == Set((4..<10).map { "c\($0)" }))
        #expect(resumed.record.status == .completed)
        #expect(resumed.results.map(\.caseID) == (0..<10).map { "c\($0)" })
        #expect(resumed.record.counts == RunCounts(expected: 10, finished: 10, ok: 10, errors: 0, cached: 0))
    }

    @Test func resumingACompleteRunCallsNothing() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let spec = RunSpec(name: "done", suite: RunTestKit.suite(count: 5), template: RunTestKit.template, model: ScriptedModel.perfect())
        let run = try await Runner(store: store).runLoaded(spec)
        let again = ScriptedModel.perfect()
        var respec = spec
        respec.model = again
        let resumed = try await Runner(store: store).resumeLoaded(run.record.id, with: respec)
        #expect(again.calls == 0)
        #expect(resumed.record.status == .completed)
        #expect(resumed.results == run.results)
    }

    @Test func resumeRefusesASpecThatWouldChangeAnswers() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let spec = RunSpec(name: "fixed", suite: RunTestKit.suite(count: 3), template: RunTestKit.template, model: ScriptedModel.perfect())
        let run = try await Runner(store: store).runLoaded(spec)
        var changed = spec
        changed.suite = RunTestKit.suite(count: 4)
        changed.template = try PromptTemplate(text: "Question: {{ input }}")
        changed.samples = 2
        await #expect(throws: RunError(.resumeMismatch, "run \(run.record.idText) cannot be resumed with this spec: the suite's cases differ; the template differs; samples differ (stored: 1, given: 2)")) {
            try await Runner(store: store).resumeLoaded(run.record.id, with: changed)
        }
    }

    /// What must agree between two runs, per case and sample.
    static func comparable(_ results: [CaseResult]) -> [String: String] {
        Dictionary(uniqueKeysWithValues: results.map { result in
            ("\(result.caseID)#\(result.sample)", "\(result.status) \(result.output ?? "-") \(result.extracted?.serialized() ?? "-") \(result.metrics)")
        })
    }
}

/// Hands out 0, 1, 2, … to concurrent callers.
final class CallCounter: Sendable {
    private let count = Mutex(0)

    func next() -> Int {
        count.withLock { value in
            defer { value += 1 }
            return value
        }
    }
}
