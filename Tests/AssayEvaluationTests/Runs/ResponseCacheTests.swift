@testable import AssayEvaluation
import Foundation
import Testing

/// The response cache: re-scoring without calls, samples that never collapse, what the key covers.
struct ResponseCacheTests {
    @Test func rerunWithOnlyExtractionAndMetricsChangedCallsNoModel() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let suite = RunTestKit.suite(count: 25)
        let first = ScriptedModel.answering { "The \($0.testCase?.expected?.stringValue ?? "") is it." }
        let original = RunSpec(name: "first", suite: suite, template: RunTestKit.template, model: first, metrics: [.exact])
        let run = try await Runner(store: store).runLoaded(original)
        #expect(first.calls == 25)
        #expect(run.results.allSatisfy { $0.metrics == ["exact": 0] })

        let second = ScriptedModel.answering { "The \($0.testCase?.expected?.stringValue ?? "") is it." }
        var rescored = original
        rescored.model = second
        rescored.extraction = .regex("The (.*) is it")
        rescored.metrics = [.exact, .contains]
        rescored.derivedFrom = run.record.id
        let rerun = try await Runner(store: store).runLoaded(rescored)
        #expect(second.calls == 0)
        #expect(rerun.results.allSatisfy { $0.isCached && $0.metrics == ["exact": 1, "contains": 1] })
        #expect(rerun.record.counts.cached == 25)
        #expect(rerun.record.derivedFrom == run.record.id)
        #expect(zip(run.results, rerun.results).allSatisfy { $0.output == $1.output && $0.latencyMilliseconds == $1.latencyMilliseconds })
    }

    @Test func samplesWithTemperatureGetDistinctCachedAnswers() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let model = ScriptedModel.answering(parameters: ModelParameters(temperature: 0.7)) { request in
            "\(request.testCase?.id ?? "") sample \(request.sampleIndex)"
        }
        let spec = RunSpec(name: "samples", suite: RunTestKit.suite(count: 6), template: RunTestKit.template, model: model, samples: 3)
        let run = try await Runner(store: store).runLoaded(spec)
        #expect(model.calls == 18)
        #expect(try store.cachedAnswerCount() == 18)
        #expect(run.results.count == 18)
        for index in 0..<6 {
            let outputs = run.results.filter { $0.caseID == "c\(index)" }.compactMap(\.output)
            #expect(Set(outputs).count == 3)
        }
        // A second run with the same samples is answered entirely from the cache.
        let again = ScriptedModel.answering(parameters: ModelParameters(temperature: 0.7)) { _ in "never" }
        var respec = spec
        respec.model = again
        let cached = try await Runner(store: store).runLoaded(respec)
        #expect(again.calls == 0)
        #expect(cached.results.map(\.output) == run.results.map(\.output))
    }

    @Test func cacheOffStillCallsAndStillStores() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let spec = RunSpec(name: "a", suite: RunTestKit.suite(count: 4), template: RunTestKit.template, model: ScriptedModel.perfect())
        _ = try await Runner(store: store).runLoaded(spec)
        let model = ScriptedModel.answering { _ in "fresh" }
        var uncached = spec
        uncached.model = model
        uncached.usesCache = false
        let run = try await Runner(store: store).runLoaded(uncached)
        #expect(model.calls == 4)
        #expect(run.results.allSatisfy { $0.output == "fresh" && !$0.isCached })
        #expect(try store.cachedAnswerCount() == 4)
        var cachedAgain = spec
        cachedAgain.model = ScriptedModel.answering { _ in "never" }
        #expect(try await Runner(store: store).runLoaded(cachedAgain).results.allSatisfy { $0.output == "fresh" })
    }

    @Test func failedCallsAreNotCached() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let broken = ScriptedModel { _, _ throws(ModelCallError) in throw ModelCallError(.client(status: 401), "bad key") }
        let spec = RunSpec(name: "broken", suite: RunTestKit.suite(count: 3), template: RunTestKit.template, model: broken)
        let run = try await Runner(store: store).runLoaded(spec)
        #expect(run.results.allSatisfy { $0.status == .modelError })
        #expect(try store.cachedAnswerCount() == 0)
    }

    @Test func theKeyCoversEverythingThatChangesAnAnswer() {
        let messages = [ChatMessage(role: "user", content: "hi")]
        let testCase = TestCase(id: "a", fields: ["input": "hi", "expected": "x"])
        let base = ModelDescriptor(name: "m", provider: "openai", endpoint: "https://e/v1", model: "gpt")
        let request = ModelRequest(messages: messages, parameters: ModelParameters(temperature: 0), sampleIndex: 0, testCase: testCase)
        let key = ResponseCacheKey.make(for: request, descriptor: base)

        var other = request
        other.parameters.temperature = 0.7
        #expect(ResponseCacheKey.make(for: other, descriptor: base) != key)
        other = request
        other.parameters.stop = ["\n"]
        #expect(ResponseCacheKey.make(for: other, descriptor: base) != key)
        other = request
        other.sampleIndex = 1
        #expect(ResponseCacheKey.make(for: other, descriptor: base) != key)
        other = request
        other.messages = [ChatMessage(role: "system", content: "be brief")] + messages
        #expect(ResponseCacheKey.make(for: other, descriptor: base) != key)
        var descriptor = base
        descriptor.endpoint = "https://other/v1"
        #expect(ResponseCacheKey.make(for: request, descriptor: descriptor) != key)
        descriptor = base
        descriptor.model = "gpt-mini"
        #expect(ResponseCacheKey.make(for: request, descriptor: descriptor) != key)

        // The case matters only to models whose answers depend on it.
        other = request
        other.testCase = TestCase(id: "b", fields: ["input": "hi", "expected": "y"])
        other.timeout = .seconds(5)
        #expect(ResponseCacheKey.make(for: other, descriptor: base) == key)
        descriptor = base
        descriptor.answersDependOnCase = true
        #expect(ResponseCacheKey.make(for: other, descriptor: descriptor) != ResponseCacheKey.make(for: request, descriptor: descriptor))
    }
}
