@testable import AssayEvaluation
import Testing

/// Backoff with full jitter, `Retry-After`, and which failures are retried.
struct RetryTests {
    struct Step: Sendable, CustomTestStringConvertible {
        let retry: Int
        let jitter: Double
        let retryAfter: Duration?
        let expected: Duration
        var testDescription: String { "retry \(retry), jitter \(jitter), retry-after \(String(describing: retryAfter))" }
    }

    @Test(arguments: [
        Step(retry: 0, jitter: 0.999_999, retryAfter: nil, expected: .nanoseconds(499_999_500)),
        Step(retry: 0, jitter: 0.5, retryAfter: nil, expected: .milliseconds(250)),
        Step(retry: 1, jitter: 0.5, retryAfter: nil, expected: .milliseconds(500)),
        Step(retry: 3, jitter: 0.5, retryAfter: nil, expected: .seconds(2)),
        Step(retry: 6, jitter: 0.5, retryAfter: nil, expected: .seconds(15)),
        Step(retry: 40, jitter: 1, retryAfter: nil, expected: .seconds(30)),
        Step(retry: 0, jitter: 0, retryAfter: nil, expected: .zero),
        Step(retry: 0, jitter: 0.5, retryAfter: .seconds(3), expected: .seconds(3)),
        Step(retry: 2, jitter: 0.9, retryAfter: .milliseconds(100), expected: .milliseconds(1800)),
        Step(retry: 1, jitter: 0.1, retryAfter: .seconds(45), expected: .seconds(45)),
    ])
    func defaultPolicyDelays(_ step: Step) {
        let delay = RetryPolicy().delay(beforeRetry: step.retry, retryAfter: step.retryAfter, jitter: step.jitter)
        #expect(delay == step.expected)
    }

    /// A model that fails the first `failures` attempts of every request with `error`.
    static func failing(_ failures: Int, with error: ModelCallError) -> ScriptedModel {
        ScriptedModel { _, attempt throws(ModelCallError) in
            if attempt < failures { throw error }
            return ModelResponse(text: "fine")
        }
    }

    @Test func rateLimitedCallsWaitAtLeastRetryAfter() async throws {
        let sleeper = RecordingSleeper()
        let model = Self.failing(2, with: ModelCallError(.rateLimited(retryAfter: .seconds(7)), "429"))
        let caller = ModelCaller(model: model, retries: 3, limiter: nil, environment: sleeper.environment(jitter: 0.5))
        guard case .answered(let response, _, let retries) = await caller.call(ModelRequest(messages: [])) else {
            Issue.record("the call should succeed on the third attempt")
            return
        }
        #expect(response.text == "fine")
        #expect(retries == 2)
        #expect(model.calls == 3)
        #expect(sleeper.durations == [.seconds(7), .seconds(7)])
    }

    @Test func serverErrorsBackOffExponentially() async throws {
        let sleeper = RecordingSleeper()
        let model = Self.failing(3, with: ModelCallError(.server(status: 503), "unavailable"))
        let caller = ModelCaller(model: model, retries: 3, limiter: nil, environment: sleeper.environment(jitter: 0.5))
        guard case .answered(_, _, let retries) = await caller.call(ModelRequest(messages: [])) else {
            Issue.record("the call should succeed on the last attempt")
            return
        }
        #expect(retries == 3)
        #expect(sleeper.durations == [.milliseconds(250), .milliseconds(500), .seconds(1)])
    }

    @Test func givesUpAfterTheLastRetry() async {
        let sleeper = RecordingSleeper()
        let model = Self.failing(10, with: ModelCallError(.malformedResponse, "not JSON"))
        let caller = ModelCaller(model: model, retries: 2, limiter: nil, environment: sleeper.environment())
        guard case .failed(let error, let retries) = await caller.call(ModelRequest(messages: [])) else {
            Issue.record("the call should fail")
            return
        }
        #expect(error.kind == .malformedResponse)
        #expect(retries == 2)
        #expect(model.calls == 3)
    }

    @Test(arguments: [ModelCallError(.client(status: 401), "bad key"), ModelCallError(.client(status: 400), "bad request")])
    func clientErrorsAreNotRetried(_ failure: ModelCallError) async {
        let sleeper = RecordingSleeper()
        let model = Self.failing(1, with: failure)
        let caller = ModelCaller(model: model, retries: 5, limiter: nil, environment: sleeper.environment())
        guard case .failed(let error, let retries) = await caller.call(ModelRequest(messages: [])) else {
            Issue.record("the call should fail at once")
            return
        }
        #expect(error == failure)
        #expect(retries == 0)
        #expect(model.calls == 1)
        #expect(sleeper.durations.isEmpty)
    }

    @Test func aModelThatIgnoresItsTimeoutIsCutOff() async {
        let model = ScriptedModel { _, _ throws(ModelCallError) in
            try await sleepOrCancel(.seconds(30))
            return ModelResponse(text: "late")
        }
        let caller = ModelCaller(
            model: model, retries: 0, limiter: nil, environment: RecordingSleeper().environment(), deadlineGrace: .milliseconds(10)
        )
        guard case .failed(let error, _) = await caller.call(ModelRequest(messages: [], timeout: .milliseconds(20))) else {
            Issue.record("the call should time out")
            return
        }
        #expect(error.kind == .timeout)
    }
}

/// The requests-per-minute limiter's schedule.
struct TokenBucketTests {
    @Test func requestsAreSpacedByTheInterval() {
        var bucket = TokenBucket(requestsPerMinute: 60)
        #expect(bucket.reserve(at: .zero) == .zero)
        #expect(bucket.reserve(at: .zero) == .seconds(1))
        #expect(bucket.reserve(at: .milliseconds(500)) == .milliseconds(1500))
        #expect(bucket.reserve(at: .seconds(10)) == .zero)
        #expect(bucket.reserve(at: .seconds(10)) == .seconds(1))
    }

    @Test func aBurstStartsAtOnceThenRefills() {
        var bucket = TokenBucket(requestsPerMinute: 120, burst: 3)
        #expect((0..<3).map { _ in bucket.reserve(at: .zero) } == [.zero, .zero, .zero])
        #expect(bucket.reserve(at: .zero) == .milliseconds(500))
        #expect(bucket.reserve(at: .seconds(60)) == .zero)
    }

    @Test func theLimiterMakesRunsWaitBetweenRequests() async throws {
        let sleeper = RecordingSleeper()
        // A clock that stands still: the four requests all arrive at the same moment.
        let limiter = RateLimiter(requestsPerMinute: 6, sleep: sleeper.environment().sleep, now: sleeper.environment().now)
        for _ in 0..<4 { try await limiter.acquire() }
        // The first request starts at once; each later one waits for its slot, 10 s after the one before.
        #expect(sleeper.durations == [.seconds(10), .seconds(20), .seconds(30)])
    }
}
