@testable import AssayEvaluation
import Foundation
import Testing

/// The run pipeline: statuses of each stage, concurrency, retries across a whole run, progress.
struct RunnerTests {
    @Test func aPerfectModelScoresEveryCase() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let model = ScriptedModel.perfect()
        let spec = RunSpec(name: "perfect", suite: RunTestKit.suite(count: 12), template: RunTestKit.template, model: model, metrics: [.exact])
        let run = try await Runner(store: store).runLoaded(spec)
        #expect(run.record.status == .completed)
        #expect(run.record.counts == RunCounts(expected: 12, finished: 12, ok: 12, errors: 0, cached: 0))
        #expect(run.results.map(\.caseID) == (0..<12).map { "c\($0)" })
        let first = try #require(run.results.first)
        #expect(first.prompt == [ChatMessage(role: "user", content: "Q: question 0")])
        #expect(first.output == "answer 0")
        #expect(first.extracted == "answer 0")
        #expect(first.metrics == ["exact": 1])
        #expect(first.usage == TokenUsage(prompt: 10, completion: 2))
        #expect(first.latencyMilliseconds != nil)
        #expect(!first.isCached)
        #expect(run.record.finishedAt != nil)
    }

    @Test func eachStageFailureHasItsOwnStatus() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let suite = Suite(cases: [
            TestCase(id: "ok", fields: ["input": "Say yes", "expected": "yes"]),
            TestCase(id: "no-input", fields: ["expected": "yes"]),
            TestCase(id: "refused", fields: ["input": "refuse", "expected": "yes"]),
            TestCase(id: "rambles", fields: ["input": "ramble", "expected": "yes"]),
            TestCase(id: "unscorable", fields: ["input": "Say yes"]),
        ])
        let model = ScriptedModel { request, _ throws(ModelCallError) in
            let prompt = request.messages.last?.content ?? ""
            if prompt.contains("refuse") { throw ModelCallError(.client(status: 400), "content filtered") }
            return ModelResponse(text: prompt.contains("ramble") ? "well, it depends" : "Yes")
        }
        let spec = RunSpec(
            name: "stages", suite: suite, template: RunTestKit.template, model: model,
            extraction: .labels(["yes", "no"]), metrics: [.exact]
        )
        let run = try await Runner(store: store, environment: RecordingSleeper().environment()).runLoaded(spec)
        let byID = Dictionary(uniqueKeysWithValues: run.results.map { ($0.caseID, $0) })
        #expect(byID["ok"]?.status == .ok)
        #expect(byID["no-input"]?.status == .templateError)
        #expect(byID["no-input"]?.error?.contains("undefined variable 'input' in case \"no-input\"") == true)
        #expect(byID["refused"]?.status == .modelError)
        #expect(byID["refused"]?.error == "content filtered")
        #expect(byID["rambles"]?.status == .extractError)
        #expect(byID["rambles"]?.output == "well, it depends")
        #expect(byID["rambles"]?.metrics.isEmpty == true)
        #expect(byID["unscorable"]?.status == .metricError)
        #expect(byID["unscorable"]?.error == "metric 'exact' failed for case 'unscorable': the case has no 'expected' field, which 'exact' needs")
        #expect(run.record.counts.errors == 4)
        #expect(model.calls == 4)
    }

    @Test func metricsThatReturnTextAreErrorsNamingMetricAndCase() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let verdict = RunMetric(name: "verdict", description: "returns text") { _ in "good" }
        let length = RunMetric(name: "length", description: "answer length") { .int($0.output.count) }
        let spec = RunSpec(
            name: "bad metric", suite: RunTestKit.suite(count: 1), template: RunTestKit.template,
            model: ScriptedModel.perfect(), metrics: [length, verdict]
        )
        let result = try #require(try await Runner(store: store).runLoaded(spec).results.first)
        #expect(result.status == .metricError)
        #expect(result.metrics == ["length": 8])
        #expect(result.error?.hasPrefix("metric 'verdict' returned a string (\"good\") for case 'c0'") == true)
    }

    @Test func concurrencyIsNeverExceeded() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let model = ScriptedModel.perfect(pause: .milliseconds(3))
        let spec = RunSpec(name: "bounded", suite: RunTestKit.suite(count: 60), template: RunTestKit.template, model: model, concurrency: 5)
        let run = try await Runner(store: store).runLoaded(spec)
        #expect(run.results.count == 60)
        #expect(model.maxInFlight <= 5)
        #expect(model.maxInFlight > 1)
    }

    @Test func callsCarryTheRunsParametersTimeoutAndCase() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let model = ScriptedModel(parameters: ModelParameters(temperature: 0, maxTokens: 100)) { _, _ throws(ModelCallError) in
            ModelResponse(text: "x")
        }
        let spec = RunSpec(
            name: "params", suite: RunTestKit.suite(count: 1), template: RunTestKit.template, model: model,
            parameters: ModelParameters(temperature: 0.3, seed: 7), timeout: .seconds(12)
        )
        _ = try await Runner(store: store).runLoaded(spec)
        let request = try #require(model.requests.first)
        #expect(request.parameters == ModelParameters(temperature: 0.3, maxTokens: 100, seed: 7))
        #expect(request.timeout == .seconds(12))
        #expect(request.testCase?.id == "c0")
        #expect(request.sampleIndex == 0)
    }

    @Test func aFlakeyModelStillGivesEveryCaseExactlyOnce() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        // Per attempt: 20% rate limited (with Retry-After), 10% server errors, 5% malformed answers.
        let model = ScriptedModel { request, attempt throws(ModelCallError) in
            let roll = percentile("\(ScriptedModel.requestID(request))@\(attempt)")
            switch roll {
            case ..<20: throw ModelCallError(.rateLimited(retryAfter: .seconds(3)), "429 slow down")
            case 20..<30: throw ModelCallError(.server(status: 502), "502 bad gateway")
            case 30..<35: throw ModelCallError(.malformedResponse, "the body is not JSON")
            default: return ModelResponse(text: request.testCase?.expected?.stringValue ?? "")
            }
        }
        let sleeper = RecordingSleeper()
        let spec = RunSpec(
            name: "flakey", suite: RunTestKit.suite(count: 200), template: RunTestKit.template, model: model,
            metrics: [.exact], concurrency: 16, retries: 4
        )
        let run = try await Runner(store: store, environment: sleeper.environment()).runLoaded(spec)
        #expect(run.record.status == .completed)
        #expect(run.results.count == 200)
        #expect(Set(run.results.map(\.caseID)).count == 200)
        for result in run.results {
            switch result.status {
            case .ok:
                #expect(result.metrics == ["exact": 1])
            case .modelError:
                #expect(result.retries == 4)
                #expect(result.error != nil)
            default:
                Issue.record("unexpected status \(result.status) for \(result.caseID)")
            }
        }
        #expect(run.results.contains { $0.retries > 0 && $0.status == .ok })
        #expect(run.results.reduce(0) { $0 + $1.retries } + 200 == model.calls)
        // Sleeps are recorded, not slept: rate-limited retries waited the 3 s asked for, others backed off.
        #expect(sleeper.durations.contains(.seconds(3)))
        #expect(sleeper.durations.contains(.milliseconds(250)))
        #expect(run.record.counts.finished == 200)
        #expect(run.record.counts.ok + run.record.counts.errors == 200)
    }

    @Test func aRateLimitSpacesTheRunsRequests() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let sleeper = RecordingSleeper()
        let spec = RunSpec(
            name: "limited", suite: RunTestKit.suite(count: 4), template: RunTestKit.template, model: ScriptedModel.perfect(),
            concurrency: 4, rateLimit: 6
        )
        let run = try await Runner(store: store, environment: sleeper.environment()).runLoaded(spec)
        #expect(run.results.count == 4)
        // 6 requests a minute: one starts at once, the others wait for slots 10, 20 and 30 s later.
        #expect(sleeper.durations.sorted() == [.seconds(10), .seconds(20), .seconds(30)])
    }

    @Test func progressIsThrottledAndEndsWithAFinalReport() async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        let log = ProgressLog()
        let spec = RunSpec(name: "progress", suite: RunTestKit.suite(count: 300), template: RunTestKit.template, model: ScriptedModel.perfect())
        _ = try await Runner(store: store).runLoaded(spec, progress: log.callback)
        let reports = log.all
        let last = try #require(reports.last)
        #expect(last.isFinal)
        #expect(last.done == 300 && last.total == 300 && last.errors == 0)
        #expect(last.promptTokens == 3000 && last.completionTokens == 600)
        #expect(last.estimatedRemaining == .zero)
        #expect(reports.dropLast().allSatisfy { !$0.isFinal })
        #expect(reports.count < 300)
        #expect(zip(reports, reports.dropFirst()).allSatisfy { $0.done <= $1.done })
    }

    @Test(arguments: [
        (RunSpec.Setting.concurrency(0), "concurrency must be at least 1, not 0"),
        (.samples(0), "samples must be at least 1, not 0"),
        (.retries(-1), "retries cannot be negative (-1)"),
        (.rateLimit(0), "the rate limit must be a positive number of requests per minute"),
    ])
    func invalidSpecsAreRefused(_ setting: RunSpec.Setting, _ message: String) async throws {
        let (store, folder) = try RunTestKit.store()
        defer { folder.remove() }
        var spec = RunSpec(name: "bad", suite: RunTestKit.suite(count: 1), template: RunTestKit.template, model: ScriptedModel.perfect())
        setting.apply(to: &spec)
        await #expect(throws: RunError(.invalidSpec, message)) { try await Runner(store: store).runLoaded(spec) }
        #expect(try await store.runs().isEmpty)
    }
}

extension RunSpec {
    /// One setting to change, for table tests.
    enum Setting: Sendable {
        case concurrency(Int), samples(Int), retries(Int), rateLimit(Double)

        func apply(to spec: inout RunSpec) {
            switch self {
            case .concurrency(let value): spec.concurrency = value
            case .samples(let value): spec.samples = value
            case .retries(let value): spec.retries = value
            case .rateLimit(let value): spec.rateLimit = value
            }
        }
    }
}
